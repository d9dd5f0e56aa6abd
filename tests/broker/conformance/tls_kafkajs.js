// kafkajs against a TLS listener of samsa-broker, run by tst_broker_tls:
//   node tls_kafkajs.js BOOTSTRAP CAFILE [USER PASSWORD]
// Produces one record to a fresh topic over TLS (verifying the broker's certificate and host name
// against CAFILE; SASL PLAIN when a user is given) and checks the topic's end offset. NODE_PATH
// must reach the kafkajs module. Exit code 0 on success.
'use strict'

const fs = require('fs')
const { Kafka, logLevel } = require('kafkajs')

const [bootstrap, cafile, user, password] = process.argv.slice(2)
const config = {
  clientId: 'samsa-tls-test',
  brokers: [bootstrap],
  ssl: { ca: [fs.readFileSync(cafile, 'utf-8')], rejectUnauthorized: true },
  connectionTimeout: 5000,
  requestTimeout: 10000,
  retry: { retries: 2 },
  logLevel: logLevel.NOTHING
}
if (user) config.sasl = { mechanism: 'plain', username: user, password }

async function main () {
  const kafka = new Kafka(config)
  const topic = 'tls-kafkajs-' + Math.random().toString(16).slice(2, 10)
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true })
  const producer = kafka.producer()
  await producer.connect()
  await producer.send({ topic, messages: [{ value: 'over TLS' }] })
  await producer.disconnect()
  const offsets = await admin.fetchTopicOffsets(topic)
  await admin.disconnect()
  if (offsets.length !== 1 || offsets[0].high !== '1') {
    console.log('unexpected offsets ' + JSON.stringify(offsets))
    process.exit(1)
  }
  console.log('ok')
}

main().catch(error => {
  console.log('FAIL: ' + error)
  process.exit(1)
})
