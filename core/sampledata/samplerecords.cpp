#include "samplerecords.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace Samsa::SampleRecords {

namespace {

template<typename T, qsizetype N>
const T& pick(QRandomGenerator& random, const T (&items)[N])
{
    return items[random.bounded(int(N))];
}

QString customerId(QRandomGenerator& random) { return QStringLiteral("C%1").arg(random.bounded(1, 500), 4, 10, QLatin1Char('0')); }

} // namespace

QByteArray orderSchema()
{
    return QByteArrayLiteral(R"({"type":"record","name":"Order","namespace":"samsa.sample","fields":[
{"name":"order_id","type":"string"},
{"name":"customer_id","type":"string"},
{"name":"status","type":{"type":"enum","name":"OrderStatus","symbols":["CREATED","PAID","SHIPPED","CANCELLED"]}},
{"name":"items","type":{"type":"array","items":{"type":"record","name":"OrderItem","fields":[
  {"name":"sku","type":"string"},{"name":"quantity","type":"int"},{"name":"unit_price","type":"double"}]}}},
{"name":"total","type":"double"},
{"name":"currency","type":"string","default":"EUR"},
{"name":"coupon","type":["null","string"],"default":null},
{"name":"created_at","type":{"type":"long","logicalType":"timestamp-millis"}}]})");
}

QByteArray telemetrySchema()
{
    return QByteArrayLiteral(R"({"type":"record","name":"Reading","namespace":"samsa.sample","fields":[
{"name":"device_id","type":"string"},
{"name":"sensor","type":{"type":"enum","name":"Sensor","symbols":["TEMPERATURE","HUMIDITY","PRESSURE","VIBRATION"]}},
{"name":"value","type":"double"},
{"name":"battery","type":["null","float"],"default":null},
{"name":"recorded_at","type":{"type":"long","logicalType":"timestamp-millis"}}]})");
}

Record order(QRandomGenerator& random, qint64 nowMs)
{
    static const char* const skus[] = { "BOOK-0042", "MUG-0007", "LAMP-0310", "SOCKS-0099", "PEN-0001", "DESK-0404" };
    static const char* const statuses[] = { "CREATED", "CREATED", "PAID", "PAID", "SHIPPED", "CANCELLED" };
    const QString customer = customerId(random);
    QVariantList items;
    double total = 0;
    const int lines = random.bounded(1, 4);
    for (int line = 0; line < lines; ++line) {
        const int quantity = random.bounded(1, 5);
        const double price = double(random.bounded(199, 9999)) / 100.0;
        total += quantity * price;
        items.append(QVariantMap { { QStringLiteral("sku"), QString::fromLatin1(pick(random, skus)) },
            { QStringLiteral("quantity"), quantity }, { QStringLiteral("unit_price"), price } });
    }
    const QVariant coupon = random.bounded(10) == 0 ? QVariant(QStringLiteral("WELCOME10")) : QVariant();
    return { customer.toUtf8(),
        { { QStringLiteral("order_id"), QStringLiteral("O%1").arg(random.bounded(1, 100000000)) },
            { QStringLiteral("customer_id"), customer },
            { QStringLiteral("status"), QString::fromLatin1(pick(random, statuses)) }, { QStringLiteral("items"), items },
            { QStringLiteral("total"), qRound64(total * 100) / 100.0 }, { QStringLiteral("currency"), QStringLiteral("EUR") },
            { QStringLiteral("coupon"), coupon }, { QStringLiteral("created_at"), nowMs } } };
}

Record telemetryReading(QRandomGenerator& random, qint64 nowMs)
{
    static const char* const sensors[] = { "TEMPERATURE", "HUMIDITY", "PRESSURE", "VIBRATION" };
    const QString device = QStringLiteral("device-%1").arg(random.bounded(1, 64), 2, 10, QLatin1Char('0'));
    const QString sensor = QString::fromLatin1(pick(random, sensors));
    const double base = sensor == QLatin1String("TEMPERATURE") ? 21.0
        : sensor == QLatin1String("HUMIDITY")                  ? 45.0
        : sensor == QLatin1String("PRESSURE")                  ? 1013.0
                                                               : 0.2;
    const QVariant battery = random.bounded(4) == 0 ? QVariant() : QVariant(float(random.bounded(5, 100)));
    return { device.toUtf8(),
        { { QStringLiteral("device_id"), device }, { QStringLiteral("sensor"), sensor },
            { QStringLiteral("value"), base + random.generateDouble() * base * 0.1 }, { QStringLiteral("battery"), battery },
            { QStringLiteral("recorded_at"), nowMs } } };
}

QByteArray clickEvent(QRandomGenerator& random, qint64 nowMs, QByteArray* key)
{
    static const char* const pages[] = { "/", "/search", "/products/17", "/products/42", "/cart", "/checkout", "/help" };
    static const char* const actions[] = { "view", "view", "view", "click", "scroll", "add_to_cart" };
    const QString session = QStringLiteral("s-%1").arg(random.bounded(1, 2000));
    *key = session.toUtf8();
    const QJsonObject event { { QStringLiteral("session"), session },
        { QStringLiteral("user"), random.bounded(3) == 0 ? QJsonValue() : QJsonValue(customerId(random)) },
        { QStringLiteral("page"), QString::fromLatin1(pick(random, pages)) },
        { QStringLiteral("action"), QString::fromLatin1(pick(random, actions)) },
        { QStringLiteral("duration_ms"), random.bounded(50, 30000) }, { QStringLiteral("ts"), nowMs } };
    return QJsonDocument(event).toJson(QJsonDocument::Compact);
}

} // namespace Samsa::SampleRecords
