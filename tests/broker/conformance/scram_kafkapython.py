#!/usr/bin/python3
# kafka-python 2.0.2 logging in to samsa-broker with SASL SCRAM, run by tst_broker_scram:
#   scram_kafkapython.py BOOTSTRAP MECHANISM USER PASSWORD [CAFILE]
# SASL_PLAINTEXT, or SASL_SSL verifying the broker against CAFILE. kafka-python sends SaslHandshake
# v0 and then the SCRAM messages as raw frames. Produces one record to a fresh topic and reads it
# back without a group: prints "ok", exit code 0. A refused login: "authentication failed", exit 3.
import logging
import socket
import sys
import uuid

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.conn import BrokerConnection

bootstrap, mechanism, user, password = sys.argv[1:5]
settings = dict(security_protocol='SASL_PLAINTEXT', sasl_mechanism=mechanism, sasl_plain_username=user,
                sasl_plain_password=password, api_version=(2, 5, 0), request_timeout_ms=10000)
if len(sys.argv) > 5:
    settings.update(security_protocol='SASL_SSL', ssl_cafile=sys.argv[5], ssl_check_hostname=True)

# First one connection on its own: a refused login shows here at once, where the producer would
# only time out waiting for metadata.
class Recorder(logging.Handler):
    messages = []

    def emit(self, record):
        Recorder.messages.append(record.getMessage())

logging.getLogger('kafka').addHandler(Recorder())
host, port = bootstrap.rsplit(':', 1)
connection = BrokerConnection(host, int(port), socket.AF_INET, **settings)
connection.connect_blocking(timeout=10)
connected = connection.connected()
connection.close()
if not connected:
    # Without Kafka headers (SaslHandshake v0) the broker can only close: the connection got as far
    # as authenticating and no further.
    if any('<authenticating>' in message for message in Recorder.messages):
        print('authentication failed: ' + ' | '.join(Recorder.messages)[-500:])
        sys.exit(3)
    print('could not connect: ' + ' | '.join(Recorder.messages)[-500:])
    sys.exit(1)

topic = 'scram-python-' + uuid.uuid4().hex[:8]
value = ('kafka-python ' + mechanism).encode()
producer = KafkaProducer(bootstrap_servers=bootstrap, max_block_ms=10000, **settings)
producer.send(topic, value).get(timeout=10)
producer.close()

consumer = KafkaConsumer(bootstrap_servers=bootstrap, consumer_timeout_ms=5000, **settings)
partition = TopicPartition(topic, 0)
consumer.assign([partition])
consumer.seek_to_beginning(partition)
values = []
for record in consumer:
    values.append(record.value)
    break
consumer.close()
if values != [value]:
    print('read back %r, expected %r' % (values, [value]))
    sys.exit(1)
print('ok')
