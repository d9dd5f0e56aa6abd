// The line diff that the Schema Registry page shows between two versions of a schema.

#include "testmain.h"
#include "text/linediff.h"

using namespace Samsa;
using Kind = DiffLine::Kind;

namespace {

// "=a", "-b", "+c": one character per line kind, then the text, to compare whole diffs at a glance.
QStringList render(const LineDiff& diff)
{
    QStringList out;
    for (const DiffLine& line : diff.lines) {
        const QChar mark = line.kind == Kind::Same ? QLatin1Char('=') : line.kind == Kind::Removed ? QLatin1Char('-') : QLatin1Char('+');
        out.append(mark + line.text);
    }
    return out;
}

QStringList split(const char* text)
{
    return QString::fromLatin1(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace

class LineDiffTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void diffs_data()
    {
        QTest::addColumn<QStringList>("left");
        QTest::addColumn<QStringList>("right");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("identical") << split("a b c") << split("a b c") << split("=a =b =c");
        QTest::addRow("both empty") << QStringList() << QStringList() << QStringList();
        QTest::addRow("all added") << QStringList() << split("a b") << split("+a +b");
        QTest::addRow("all removed") << split("a b") << QStringList() << split("-a -b");
        QTest::addRow("changed line") << split("a b c") << split("a x c") << split("=a -b +x =c");
        QTest::addRow("inserted field") << split("{ id , } ") << split("{ id , note , }")
                                        << split("={ =id =, +note +, =}");
        QTest::addRow("moved line") << split("a b c d") << split("b c d a") << split("-a =b =c =d +a");
        QTest::addRow("repeated lines") << split("x a x b x") << split("x b x a x")
                                        << split("=x -a -x =b +x +a =x");
    }

    void diffs()
    {
        QFETCH(QStringList, left);
        QFETCH(QStringList, right);
        QFETCH(QStringList, expected);
        const LineDiff diff = diffLines(left, right);
        QCOMPARE(render(diff), expected);
        QCOMPARE(diff.removed, int(expected.filter(QRegularExpression(QStringLiteral("^-"))).size()));
        QCOMPARE(diff.added, int(expected.filter(QRegularExpression(QStringLiteral("^\\+"))).size()));
        QVERIFY(!diff.approximate);
        // Every line of both sides appears once, in order, with its line number.
        QStringList rebuiltLeft;
        QStringList rebuiltRight;
        for (const DiffLine& line : diff.lines) {
            if (line.kind != Kind::Added) {
                QCOMPARE(line.leftLine, int(rebuiltLeft.size()));
                rebuiltLeft.append(line.text);
            }
            if (line.kind != Kind::Removed) {
                QCOMPARE(line.rightLine, int(rebuiltRight.size()));
                rebuiltRight.append(line.text);
            }
        }
        QCOMPARE(rebuiltLeft, left);
        QCOMPARE(rebuiltRight, right);
    }

    void textsSplitAtNewlines()
    {
        const LineDiff diff = diffTexts(QStringLiteral("a\r\nb\n"), QStringLiteral("a\nc"));
        QCOMPARE(render(diff), split("=a -b +c"));
        QVERIFY(diffTexts(QStringLiteral("x\n"), QStringLiteral("x")).identical());
    }

    void hugeMiddleIsApproximateNotSlow()
    {
        // 20,000 different lines on each side would need a 400-million-cell table.
        QStringList left;
        QStringList right;
        left.append(QStringLiteral("same"));
        right.append(QStringLiteral("same"));
        for (int i = 0; i < 20000; ++i) {
            left.append(QStringLiteral("l%1").arg(i));
            right.append(QStringLiteral("r%1").arg(i));
        }
        QElapsedTimer timer;
        timer.start();
        const LineDiff diff = diffLines(left, right);
        QVERIFY(timer.elapsed() < 2000);
        QVERIFY(diff.approximate);
        QCOMPARE(diff.removed, 20000);
        QCOMPARE(diff.added, 20000);
        QCOMPARE(diff.lines.first().kind, Kind::Same);
    }
};

SAMSA_TEST_MAIN(LineDiffTest, QCoreApplication)
#include "tst_linediff.moc"
