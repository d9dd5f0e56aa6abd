// kafkajs 2.2.4 logging in to samsa-broker with SASL SCRAM, run by tst_broker_scram (NODE_PATH must
// reach the kafkajs module):
//   node scram_kafkajs.js BOOTSTRAP MECHANISM USER PASSWORD [CAFILE]
// SASL_PLAINTEXT, or SASL_SSL verifying the broker against CAFILE. Produces one record to a fresh
// topic and consumes it in a fresh group: prints "ok", exit code 0. A refused login prints
// "authentication failed", exit code 3.

'use strict'

const fs = require('fs')
const crypto = require('crypto')
const { Kafka, logLevel } = require('kafkajs')

const [bootstrap, mechanism, username, password, cafile] = process.argv.slice(2)

async function main () {
  const kafka = new Kafka({
    clientId: 'samsa-scram-test',
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    ssl: cafile ? { ca: [fs.readFileSync(cafile, 'utf8')], rejectUnauthorized: true } : false,
    sasl: { mechanism: mechanism.toLowerCase(), username, password },
    connectionTimeout: 5000,
    retry: { retries: 2, initialRetryTime: 200 }
  })
  const topic = 'scram-kjs-' + crypto.randomBytes(4).toString('hex')
  const value = 'kafkajs ' + mechanism

  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] })
  await admin.disconnect()

  const producer = kafka.producer()
  await producer.connect()
  await producer.send({ topic, messages: [{ value }] })
  await producer.disconnect()

  const consumer = kafka.consumer({ groupId: topic + '-group' })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  const received = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no message within 20 s')), 20000)
    consumer.run({
      eachMessage: async ({ message }) => {
        clearTimeout(timer)
        resolve(message.value.toString())
      }
    }).catch(reject)
  })
  await consumer.disconnect()
  if (received !== value) {
    console.log('read back ' + JSON.stringify(received) + ', expected ' + JSON.stringify(value))
    process.exit(1)
  }
  console.log('ok')
}

main().catch(error => {
  if (error.name === 'KafkaJSSASLAuthenticationError' || /SASL|uthenticat/.test(String(error))) {
    console.log('authentication failed: ' + error)
    process.exit(3)
  }
  console.log('failed: ' + error + (error.stack ? '\n' + error.stack : ''))
  process.exit(1)
})
