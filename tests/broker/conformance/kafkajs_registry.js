// @kafkajs/confluent-schema-registry 3.3.0 with kafkajs 2.2.4 (from /work/main/.npm-peers) against
// the broker's embedded schema registry: register Avro schemas, encode a message, produce it to
// the broker, read it back (with kcat, as a kafkajs consumer needs a consumer group) and decode it
// to the same object. Run by run_with_broker.py --schema-registry, which sets SAMSA_BOOTSTRAP and
// SCHEMA_REGISTRY_URL; NODE_PATH must reach the npm modules.

'use strict'

const assert = require('assert')
const { execFileSync } = require('child_process')
const { Kafka, logLevel } = require('kafkajs')
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry')

const bootstrap = process.env.SAMSA_BOOTSTRAP
const registryUrl = process.env.SCHEMA_REGISTRY_URL
const topic = 'orders-avro'
const subject = topic + '-value'

const orderV1 = {
  type: 'record',
  name: 'Order',
  namespace: 'samsa.test',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'customer', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID', 'SHIPPED'] } },
    { name: 'items', type: { type: 'array', items: 'string' } },
    { name: 'note', type: ['null', 'string'], default: null }
  ]
}
const orderV2 = { ...orderV1, fields: [...orderV1.fields, { name: 'channel', type: 'string', default: 'web' }] }
const orderIncompatible = { ...orderV1, fields: [...orderV1.fields, { name: 'region', type: 'string' }] }

function kcatReadValues (partition) {
  // One message per line would break on binary data: read each offset on its own.
  const values = []
  for (let offset = 0; ; ++offset) {
    const value = execFileSync('/usr/bin/kcat', ['-q', '-b', bootstrap, '-X', 'log_level=3', '-C', '-t', topic,
      '-p', String(partition), '-o', String(offset), '-c', '1', '-e', '-f', '%s'])
    if (value.length === 0) {
      return values
    }
    values.push(value)
  }
}

async function main () {
  const registry = new SchemaRegistry({ host: registryUrl })
  const { id } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(orderV1) }, { subject })
  assert.ok(id > 0, 'register returned id ' + id)
  const again = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(orderV1, null, 2) }, { subject })
  assert.strictEqual(again.id, id, 'the same schema got another id')
  assert.strictEqual(await registry.getLatestSchemaId(subject), id)
  assert.strictEqual(await registry.getRegistryId(subject, 1), id)

  const rejected = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(orderIncompatible) }, { subject })
    .then(() => null, error => error)
  assert.ok(rejected && rejected.status === 409, 'an incompatible schema was accepted: ' + rejected)
  const { id: idV2 } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(orderV2) }, { subject })
  assert.notStrictEqual(idV2, id)

  const first = { id: 1, customer: 'ada', amount: 12.5, status: 'PAID', items: ['book', 'pen'], note: null }
  const second = { id: 2, customer: 'grace', amount: 3.25, status: 'NEW', items: [], note: 'gift', channel: 'app' }
  const encodedFirst = await registry.encode(id, first)
  const encodedSecond = await registry.encode(idV2, second)
  assert.strictEqual(encodedFirst[0], 0, 'magic byte')
  assert.strictEqual(encodedFirst.readInt32BE(1), id, 'schema id in the wire format')

  const kafka = new Kafka({ clientId: 'samsa-registry-test', brokers: [bootstrap], logLevel: logLevel.ERROR })
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true })
  await admin.disconnect()
  const producer = kafka.producer()
  await producer.connect()
  await producer.send({ topic, messages: [{ key: 'ada', value: encodedFirst }, { key: 'grace', value: encodedSecond }] })
  await producer.disconnect()

  const values = kcatReadValues(0)
  assert.strictEqual(values.length, 2, 'read ' + values.length + ' messages')
  assert.ok(values[0].equals(encodedFirst), 'the broker returned other bytes than were produced')
  assert.deepStrictEqual({ ...(await registry.decode(values[0])) }, first)
  assert.deepStrictEqual({ ...(await registry.decode(values[1])) }, second)

  // A fresh client knows nothing cached: decoding fetches the writer's schema by id.
  const fresh = new SchemaRegistry({ host: registryUrl })
  assert.deepStrictEqual({ ...(await fresh.decode(values[1])) }, second)
  console.log('kafkajs_registry: all checks passed')
}

main().catch(error => {
  console.error('FAIL: ' + (error.stack || error))
  process.exit(1)
})
