// kafkajs 2.2.4 consumer groups against samsa-broker. Run by run_with_broker.py, which sets
// SAMSA_BOOTSTRAP; NODE_PATH must reach the kafkajs module.
//
// Covers: a group of two consumers (JoinGroup v5 with MEMBER_ID_REQUIRED, SyncGroup, Heartbeat,
// OffsetCommit) consumes a six-partition topic completely, each record once; admin listGroups,
// describeGroups (members and assignments) and fetchOffsets; deleteGroups, setOffsets and
// resetOffsets are refused while a member is in the group (deleteGroups with NON_EMPTY_GROUP,
// the offset calls by kafkajs' own check of the group state) and work once it is empty.

'use strict'

const { Kafka, AssignerProtocol, logLevel } = require('kafkajs')

const bootstrap = process.env.SAMSA_BOOTSTRAP
const failures = []
const topic = 'kjs-group-topic'
const groupId = 'kjs-group'
const partitions = 6
const perPartition = 20

function check (condition, message) {
  if (!condition) {
    failures.push(message)
    console.log('FAIL: ' + message)
  }
  return condition
}

async function waitFor (condition, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await condition()) return true
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  return check(await condition(), 'timed out waiting for ' + what)
}

async function expectError (promise, matches, what) {
  try {
    await promise
    check(false, what + ' succeeded, expected it to be refused')
  } catch (error) {
    check(matches(error), what + ' failed with ' + error + ' ' + JSON.stringify(error.groups || error.type || ''))
  }
}

function consumerOf (kafka) {
  return kafka.consumer({
    groupId,
    sessionTimeout: 6000,
    heartbeatInterval: 300,
    maxWaitTimeInMs: 300,
    retry: { retries: 10 }
  })
}

async function committed (admin) {
  const result = await admin.fetchOffsets({ groupId, topics: [topic] })
  const byPartition = {}
  for (const p of result[0].partitions) byPartition[p.partition] = p.offset
  return byPartition
}

async function main () {
  const kafka = new Kafka({ clientId: 'kjs-groups', brokers: [bootstrap], logLevel: logLevel.NOTHING })
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }] })
  const producer = kafka.producer()
  await producer.connect()
  const messages = []
  for (let p = 0; p < partitions; p++) {
    for (let i = 0; i < perPartition; i++) messages.push({ partition: p, value: p + '-' + i })
  }
  await producer.send({ topic, messages })
  await producer.disconnect()

  // A group of two reads everything once.
  const received = [[], []]
  const consumers = [consumerOf(kafka), consumerOf(kafka)]
  for (let i = 0; i < 2; i++) {
    await consumers[i].connect()
    await consumers[i].subscribe({ topic, fromBeginning: true })
    await consumers[i].run({ eachMessage: async ({ partition, message }) => { received[i].push(partition + '@' + message.offset) } })
  }
  const total = partitions * perPartition
  await waitFor(() => received[0].length + received[1].length >= total, 40000, 'the group to consume everything')
  const all = received[0].concat(received[1])
  check(all.length === total && new Set(all).size === total,
    'consumed ' + all.length + ' records (' + new Set(all).size + ' distinct), expected ' + total + ' each once')

  await waitFor(async () => {
    const d = (await admin.describeGroups([groupId])).groups[0]
    return d.state === 'Stable' && d.members.length === 2
  }, 20000, 'a stable group of two')
  const described = (await admin.describeGroups([groupId])).groups[0]
  const assigned = []
  for (const member of described.members) {
    const assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment)
    check(assignment.assignment[topic] && assignment.assignment[topic].length > 0,
      'member ' + member.memberId + ' has no partition: ' + JSON.stringify(assignment))
    assigned.push(...(assignment.assignment[topic] || []))
  }
  check(JSON.stringify(assigned.sort((a, b) => a - b)) === JSON.stringify([0, 1, 2, 3, 4, 5]),
    'described assignments cover ' + JSON.stringify(assigned))
  const listed = await admin.listGroups()
  check(listed.groups.some(g => g.groupId === groupId && g.protocolType === 'consumer'), 'listGroups ' + JSON.stringify(listed))

  // Refused while the group has members.
  await expectError(admin.deleteGroups([groupId]),
    e => e.name === 'KafkaJSDeleteGroupsError' && e.groups && e.groups[0].error.type === 'NON_EMPTY_GROUP',
    'deleteGroups on an active group')
  await expectError(admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '3' }] }),
    e => String(e.message).includes('must have no running instances'), 'setOffsets on an active group')
  await expectError(admin.resetOffsets({ groupId, topic, earliest: true }),
    e => String(e.message).includes('must have no running instances'), 'resetOffsets on an active group')

  await waitFor(async () => {
    const offsets = await committed(admin)
    return Object.values(offsets).every(o => o === String(perPartition)) && Object.keys(offsets).length === partitions
  }, 20000, 'committed offsets at the end of every partition')
  for (const consumer of consumers) await consumer.disconnect()
  await waitFor(async () => (await admin.describeGroups([groupId])).groups[0].state === 'Empty', 20000, 'an empty group')

  // Offsets of an empty group can be set and reset.
  await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '3' }, { partition: 5, offset: '17' }] })
  let offsets = await committed(admin)
  check(offsets[0] === '3' && offsets[5] === '17' && offsets[1] === String(perPartition),
    'after setOffsets: ' + JSON.stringify(offsets))
  // kafkajs commits the seek target as is: -2 ("earliest"), which Kafka stores unchanged too.
  await admin.resetOffsets({ groupId, topic, earliest: true })
  offsets = await committed(admin)
  check(Object.keys(offsets).length === partitions && Object.values(offsets).every(o => o === '-2'),
    'after resetOffsets earliest: ' + JSON.stringify(offsets))

  await admin.deleteGroups([groupId])
  const after = await admin.listGroups()
  check(!after.groups.some(g => g.groupId === groupId), 'the deleted group is still listed: ' + JSON.stringify(after))
  offsets = await committed(admin)
  check(Object.values(offsets).every(o => o === '-1'), 'offsets of the deleted group: ' + JSON.stringify(offsets))
  await expectError(admin.deleteGroups([groupId]),
    e => e.groups && e.groups[0].error.type === 'GROUP_ID_NOT_FOUND', 'deleteGroups on a deleted group')
  await admin.disconnect()
}

main().then(() => {
  if (failures.length > 0) {
    console.log(failures.length + ' check(s) failed')
    process.exit(1)
  }
  console.log('kafkajs groups: all checks passed')
  process.exit(0)
}, error => {
  console.log('FAIL: ' + (error.stack || error))
  process.exit(1)
})
