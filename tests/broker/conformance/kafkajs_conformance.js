// kafkajs 2.2.4 (pure JavaScript, from /work/main/.npm-peers) against samsa-broker. Run by
// run_with_broker.py, which sets SAMSA_BOOTSTRAP; NODE_PATH must reach the kafkajs module.
//
// Covers: admin createTopics with configs (plus validateOnly, a bad config, a duplicate),
// fetchTopicMetadata, an idempotent producer with keys, headers and GZIP (kafkajs ships no
// snappy, lz4 or zstd codec: those need extra npm packages we do not install), acks 0/1/all,
// fetchTopicOffsets, fetchTopicOffsetsByTimestamp, describeConfigs / alterConfigs (topic and
// broker), createPartitions, deleteTopicRecords and deleteTopics. A kafkajs consumer always
// joins a consumer group (part 2 of the broker), so messages are read back with kcat, which shows
// the keys, values, headers and offsets kafkajs wrote.

'use strict'

const { execFileSync } = require('child_process')
const { Kafka, CompressionTypes, ConfigResourceTypes, logLevel } = require('kafkajs')

const bootstrap = process.env.SAMSA_BOOTSTRAP
const failures = []

function check (condition, message) {
  if (!condition) {
    failures.push(message)
    console.log('FAIL: ' + message)
  }
  return condition
}

async function expectError (promise, type, what) {
  try {
    await promise
    check(false, what + ' succeeded, expected ' + type)
  } catch (error) {
    const found = [error.type, ...(error.errors || []).map(e => e.type),
      ...((error.originalError && error.originalError.errors) || []).map(e => e.type)]
    check(found.includes(type) || String(error).includes(type),
      what + ' failed with ' + error + ' (' + JSON.stringify(found) + '), expected ' + type)
  }
}

function kcatRead (topic, partition) {
  const output = execFileSync('/usr/bin/kcat', ['-b', bootstrap, '-X', 'log_level=3', '-C', '-t', topic,
    '-p', String(partition), '-e', '-o', 'beginning', '-f', '%o\t%k\t%s\t%h\n'], { encoding: 'utf8' })
  return output.split('\n').filter(line => line.length > 0).map(line => {
    const [offset, key, value, headers] = line.split('\t')
    return { offset: Number(offset), key, value, headers }
  })
}

async function createTopics (admin) {
  const created = await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic: 'kjs-data', numPartitions: 3, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: '3600000' }, { name: 'cleanup.policy', value: 'delete' }] },
      { topic: 'kjs-times', numPartitions: 1, replicationFactor: 1 }
    ]
  })
  check(created === true, 'createTopics returned ' + created)
  const again = await admin.createTopics({ topics: [{ topic: 'kjs-data', numPartitions: 3 }] })
  check(again === false, 'creating kjs-data twice returned ' + again + ', expected false (already exists)')
  // No waitForLeaders: a validated topic has no leader to wait for (Kafka answers the same).
  await admin.createTopics({ validateOnly: true, waitForLeaders: false, topics: [{ topic: 'kjs-validate-only', numPartitions: 1 }] })
  check(!(await admin.listTopics()).includes('kjs-validate-only'), 'validateOnly created the topic')
  await expectError(admin.createTopics({ topics: [{ topic: 'kjs-bad', configEntries: [{ name: 'no.such.config', value: '1' }] }] }),
    'INVALID_CONFIG', 'an unknown topic config')
  await expectError(admin.createTopics({ topics: [{ topic: 'bad/name', numPartitions: 1 }] }),
    'INVALID_TOPIC_EXCEPTION', 'an invalid topic name')
  const metadata = await admin.fetchTopicMetadata({ topics: ['kjs-data', 'kjs-times'] })
  const byName = Object.fromEntries(metadata.topics.map(t => [t.name, t]))
  check(byName['kjs-data'] && byName['kjs-data'].partitions.length === 3, 'kjs-data metadata ' + JSON.stringify(byName['kjs-data']))
  check(byName['kjs-times'] && byName['kjs-times'].partitions.length === 1, 'kjs-times metadata')
}

async function produceAndReadBack (kafka) {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  const sent = []
  for (let round = 0; round < 10; ++round) {
    const messages = []
    for (let i = 0; i < 30; ++i) {
      const index = round * 30 + i
      messages.push({ key: 'key-' + (index % 7), value: 'kafkajs-' + index, headers: { index: String(index), origin: 'kafkajs' } })
    }
    const compression = round % 2 === 0 ? CompressionTypes.GZIP : CompressionTypes.None
    const result = await producer.send({ topic: 'kjs-data', compression, acks: -1, messages })
    for (const entry of result) check(entry.errorCode === 0, 'produce error ' + JSON.stringify(entry))
    sent.push(...messages)
  }
  // acks=1 and acks=0 on the same connection.
  await producer.disconnect()
  const plain = kafka.producer()
  await plain.connect()
  await plain.send({ topic: 'kjs-data', acks: 1, messages: [{ key: 'acks1', value: 'acks-1', partition: 0, headers: { index: 'a1', origin: 'kafkajs' } }] })
  await plain.send({ topic: 'kjs-data', acks: 0, messages: [{ key: 'acks0', value: 'acks-0', partition: 0, headers: { index: 'a0', origin: 'kafkajs' } }] })
  sent.push({ key: 'acks1', value: 'acks-1', headers: { index: 'a1', origin: 'kafkajs' } })
  sent.push({ key: 'acks0', value: 'acks-0', headers: { index: 'a0', origin: 'kafkajs' } })
  // acks=0 has no answer: wait until the offsets show the message landed.
  const deadline = Date.now() + 10000
  let total = 0
  while (Date.now() < deadline) {
    total = (await kafka.admin().fetchTopicOffsets('kjs-data').catch(() => [])).reduce((sum, p) => sum + Number(p.high), 0)
    if (total >= sent.length) break
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  await plain.disconnect()

  const offsets = await kafka.admin().fetchTopicOffsets('kjs-data')
  check(offsets.reduce((sum, p) => sum + Number(p.high), 0) === sent.length,
    'high watermarks ' + JSON.stringify(offsets) + ' do not add up to ' + sent.length)
  check(offsets.every(p => Number(p.low) === 0), 'low watermarks are not 0: ' + JSON.stringify(offsets))

  const read = []
  for (let partition = 0; partition < 3; ++partition) {
    const rows = kcatRead('kjs-data', partition)
    check(rows.every((row, i) => row.offset === i), 'partition ' + partition + ' offsets are not contiguous')
    for (const row of rows) {
      const expected = sent.find(m => m.value === row.value)
      check(expected && expected.key === row.key, 'unexpected message ' + JSON.stringify(row))
      if (expected) {
        check(row.headers === 'index=' + expected.headers.index + ',origin=kafkajs', 'headers ' + row.headers + ' for ' + row.value)
      }
    }
    // Per-key order: kafkajs's default partitioner keeps a key in one partition.
    const indexes = rows.filter(r => r.value.startsWith('kafkajs-')).map(r => Number(r.value.slice(8)))
    check(indexes.every((v, i) => i === 0 || v > indexes[i - 1]), 'partition ' + partition + ' is not in produce order')
    read.push(...rows)
  }
  check(read.length === sent.length, 'read back ' + read.length + ' of ' + sent.length + ' messages (exactly once expected)')
  check(new Set(read.map(r => r.value)).size === read.length, 'duplicates read back')
}

async function offsetsByTimestamp (kafka, admin) {
  const producer = kafka.producer()
  await producer.connect()
  const base = Date.now() - 100000
  const messages = []
  for (let i = 0; i < 20; ++i) messages.push({ value: 't' + i, timestamp: String(base + i * 1000) })
  await producer.send({ topic: 'kjs-times', acks: -1, messages })
  await producer.disconnect()
  const found = await admin.fetchTopicOffsetsByTimestamp('kjs-times', base + 5500)
  check(found.length === 1 && Number(found[0].offset) === 6, 'offset by timestamp ' + JSON.stringify(found) + ', expected 6')
  const first = await admin.fetchTopicOffsetsByTimestamp('kjs-times', base)
  check(Number(first[0].offset) === 0, 'offset at the first timestamp ' + JSON.stringify(first))
  const future = await admin.fetchTopicOffsetsByTimestamp('kjs-times', Date.now() + 3600000)
  // Kafka answers -1 for "no such message"; kafkajs then substitutes the latest offset.
  check(Number(future[0].offset) === 20 || Number(future[0].offset) === -1, 'offset for a future timestamp ' + JSON.stringify(future))
}

function entriesOf (described) {
  const resource = described.resources[0]
  check(resource.errorCode === 0, 'describeConfigs error ' + resource.errorCode + ' ' + resource.errorMessage)
  return Object.fromEntries(resource.configEntries.map(e => [e.configName, e]))
}

async function configs (admin, cluster) {
  let entries = entriesOf(await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'kjs-data' }] }))
  check(entries['retention.ms'] && entries['retention.ms'].configValue === '3600000' && entries['retention.ms'].isDefault === false,
    'retention.ms ' + JSON.stringify(entries['retention.ms']))
  check(entries['segment.bytes'] && entries['segment.bytes'].isDefault === true, 'segment.bytes ' + JSON.stringify(entries['segment.bytes']))
  check(entries['cleanup.policy'] && entries['cleanup.policy'].configValue === 'delete', 'cleanup.policy ' + JSON.stringify(entries['cleanup.policy']))

  await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'kjs-data', configEntries: [{ name: 'retention.ms', value: '60000' }, { name: 'max.message.bytes', value: '500000' }] }] })
  entries = entriesOf(await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'kjs-data', configNames: ['retention.ms', 'max.message.bytes', 'cleanup.policy'] }] }))
  check(entries['retention.ms'] && entries['retention.ms'].configValue === '60000', 'altered retention.ms ' + JSON.stringify(entries['retention.ms']))
  check(entries['max.message.bytes'] && entries['max.message.bytes'].configValue === '500000', 'altered max.message.bytes')
  check(entries['cleanup.policy'] && entries['cleanup.policy'].isDefault === true, 'cleanup.policy was not reset by a full AlterConfigs')
  check(Object.keys(entries).length === 3, 'configNames filter ignored: ' + Object.keys(entries).length + ' entries')

  await expectError(admin.alterConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: 'kjs-data', configEntries: [{ name: 'no.such.config', value: '1' }] }] }),
    'INVALID_CONFIG', 'altering an unknown config')

  const nodeId = String(cluster.brokers[0].nodeId)
  entries = entriesOf(await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.BROKER, name: nodeId }] }))
  check(entries['num.partitions'] !== undefined, 'broker configs lack num.partitions')
  check(entries['auto.create.topics.enable'] !== undefined, 'broker configs lack auto.create.topics.enable')
}

async function partitionsRecordsAndDeletion (kafka, admin) {
  await admin.createPartitions({ topicPartitions: [{ topic: 'kjs-data', count: 5 }] })
  const metadata = await admin.fetchTopicMetadata({ topics: ['kjs-data'] })
  check(metadata.topics[0].partitions.length === 5, 'kjs-data has ' + metadata.topics[0].partitions.length + ' partitions after growing to 5')
  await expectError(admin.createPartitions({ topicPartitions: [{ topic: 'kjs-data', count: 2 }] }), 'INVALID_PARTITIONS', 'shrinking partitions')
  const producer = kafka.producer()
  await producer.connect()
  const result = await producer.send({ topic: 'kjs-data', acks: -1, messages: [{ value: 'new partition', partition: 4 }] })
  await producer.disconnect()
  check(result[0].partition === 4 && Number(result[0].baseOffset) === 0, 'produce to the new partition ' + JSON.stringify(result))

  const before = await admin.fetchTopicOffsets('kjs-data')
  const busiest = before.reduce((a, b) => (Number(b.high) > Number(a.high) ? b : a))
  await admin.deleteTopicRecords({ topic: 'kjs-data', partitions: [{ partition: busiest.partition, offset: '5' }] })
  const after = await admin.fetchTopicOffsets('kjs-data')
  const moved = after.find(p => p.partition === busiest.partition)
  check(Number(moved.low) === 5 && moved.high === busiest.high, 'after deleteTopicRecords: ' + JSON.stringify(moved))
  const rows = kcatRead('kjs-data', busiest.partition)
  check(rows.length > 0 && rows[0].offset === 5, 'reading after deleteTopicRecords starts at ' + (rows[0] && rows[0].offset))

  await admin.deleteTopics({ topics: ['kjs-data'] })
  check(!(await admin.listTopics()).includes('kjs-data'), 'kjs-data still listed after deleteTopics')
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: 'kjs-data', numPartitions: 1 }] })
  const fresh = await admin.fetchTopicOffsets('kjs-data')
  check(fresh.length === 1 && Number(fresh[0].high) === 0, 're-created kjs-data is not empty: ' + JSON.stringify(fresh))
}

async function step (name, body) {
  console.log('--- ' + name)
  try {
    await body()
  } catch (error) {
    check(false, name + ' threw ' + (error.stack || error))
  }
}

async function main () {
  if (!bootstrap) {
    console.error('SAMSA_BOOTSTRAP is not set: run me through run_with_broker.py')
    return 2
  }
  const kafka = new Kafka({ clientId: 'samsa-conformance', brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 3 } })
  const admin = kafka.admin()
  await admin.connect()
  const cluster = await admin.describeCluster()
  check(cluster.brokers.length === 1 && cluster.brokers[0].host + ':' + cluster.brokers[0].port === bootstrap,
    'describeCluster ' + JSON.stringify(cluster))
  await step('createTopics', () => createTopics(admin))
  await step('produceAndReadBack', () => produceAndReadBack(kafka))
  await step('offsetsByTimestamp', () => offsetsByTimestamp(kafka, admin))
  await step('configs', () => configs(admin, cluster))
  await step('partitionsRecordsAndDeletion', () => partitionsRecordsAndDeletion(kafka, admin))
  await admin.disconnect()
  if (failures.length > 0) {
    console.log(failures.length + ' check(s) failed')
    return 1
  }
  console.log('kafkajs conformance: all checks passed')
  return 0
}

main().then(code => process.exit(code), error => { console.error(error); process.exit(1) })
