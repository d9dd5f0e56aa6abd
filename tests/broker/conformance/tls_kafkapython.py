#!/usr/bin/python3
# kafka-python against a TLS listener of samsa-broker, run by tst_broker_tls:
#   tls_kafkapython.py BOOTSTRAP SECURITY_PROTOCOL CAFILE [USER PASSWORD]
# Produces one record to a fresh topic and reads it back without a group, verifying the broker's
# certificate (and host name) against CAFILE; SASL PLAIN when a user is given. Exit code 0 on success.
import sys
import uuid

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

bootstrap, protocol, cafile = sys.argv[1:4]
settings = dict(bootstrap_servers=bootstrap, security_protocol=protocol, ssl_cafile=cafile,
                ssl_check_hostname=True, api_version_auto_timeout_ms=5000, request_timeout_ms=10000)
if len(sys.argv) > 5:
    settings.update(sasl_mechanism='PLAIN', sasl_plain_username=sys.argv[4], sasl_plain_password=sys.argv[5])

topic = 'tls-python-' + uuid.uuid4().hex[:8]
value = ('over ' + protocol).encode()
producer = KafkaProducer(**settings)
producer.send(topic, value).get(timeout=10)
producer.close()

consumer = KafkaConsumer(consumer_timeout_ms=5000, auto_offset_reset='earliest', **settings)
partition = TopicPartition(topic, 0)
consumer.assign([partition])
consumer.seek_to_beginning(partition)
values = [record.value for record in consumer]
consumer.close()
if values != [value]:
    print('read back %r, expected %r' % (values, [value]))
    sys.exit(1)
print('ok')
