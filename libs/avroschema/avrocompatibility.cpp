#include "avroschema/avrocompatibility.h"

#include <algorithm>
#include <set>

namespace samsa::avro {

namespace {

constexpr int MaxDepth = 256;

std::string simpleName(const std::string& fullName)
{
    const size_t dot = fullName.rfind('.');
    return dot == std::string::npos ? fullName : fullName.substr(dot + 1);
}

std::string join(const std::string& path, const std::string& step)
{
    return path == "/" ? path + step : path + "/" + step;
}

class Resolver {
public:
    Resolver(const AvroSchema& reader, const AvroSchema& writer)
        : m_reader(reader)
        , m_writer(writer)
    {
    }

    void check(int r, int w, const std::string& path, int depth)
    {
        if (path.empty()) {
            check(r, w, "/", depth);
            return;
        }
        if (depth > MaxDepth) {
            m_problems.push_back(path + ": schema nested too deeply to compare");
            return;
        }
        // A record pair under comparison is assumed compatible when met again (recursive types).
        if (!m_inProgress.insert({ r, w }).second)
            return;
        checkPair(r, w, path, depth);
        m_inProgress.erase({ r, w });
    }

    std::vector<std::string> problems() const { return m_problems; }

private:
    bool readable(int r, int w, int depth)
    {
        Resolver probe(m_reader, m_writer);
        probe.m_inProgress = m_inProgress;
        probe.check(r, w, std::string(), depth + 1);
        return probe.m_problems.empty();
    }

    static bool promotes(AvroType reader, AvroType writer)
    {
        if (reader == writer)
            return true;
        switch (writer) {
        case AvroType::Int:
            return reader == AvroType::Long || reader == AvroType::Float || reader == AvroType::Double;
        case AvroType::Long:
            return reader == AvroType::Float || reader == AvroType::Double;
        case AvroType::Float:
            return reader == AvroType::Double;
        case AvroType::String:
            return reader == AvroType::Bytes;
        case AvroType::Bytes:
            return reader == AvroType::String;
        default:
            return false;
        }
    }

    static bool namesMatch(const AvroNode& reader, const AvroNode& writer)
    {
        if (simpleName(reader.fullName) == simpleName(writer.fullName))
            return true;
        return std::find(reader.aliases.begin(), reader.aliases.end(), writer.fullName) != reader.aliases.end();
    }

    void checkPair(int r, int w, const std::string& path, int depth)
    {
        const AvroNode& reader = m_reader.node(r);
        const AvroNode& writer = m_writer.node(w);
        if (writer.type == AvroType::Union) {
            for (size_t i = 0; i < writer.branches.size(); ++i)
                check(r, writer.branches[i], join(path, std::to_string(i)), depth + 1);
            return;
        }
        if (reader.type == AvroType::Union) {
            for (int branch : reader.branches) {
                if (readable(branch, w, depth))
                    return;
            }
            m_problems.push_back(path + ": the reader's union has no branch for the writer's " + describe(writer));
            return;
        }
        if (reader.type != writer.type && !promotes(reader.type, writer.type)) {
            m_problems.push_back(path + ": type mismatch, reader " + describe(reader) + ", writer " + describe(writer));
            return;
        }
        switch (reader.type) {
        case AvroType::Record:
            checkRecord(reader, writer, path, depth);
            return;
        case AvroType::Enum:
            if (!namesMatch(reader, writer)) {
                m_problems.push_back(
                    path + ": name mismatch, reader " + reader.fullName + ", writer " + writer.fullName);
                return;
            }
            if (!reader.enumDefault) {
                for (const auto& symbol : writer.symbols) {
                    if (std::find(reader.symbols.begin(), reader.symbols.end(), symbol) == reader.symbols.end())
                        m_problems.push_back(join(path, "symbols") + ": the reader's enum " + reader.fullName
                            + " lacks the symbol '" + symbol + "'");
                }
            }
            return;
        case AvroType::Fixed:
            if (!namesMatch(reader, writer))
                m_problems.push_back(
                    path + ": name mismatch, reader " + reader.fullName + ", writer " + writer.fullName);
            else if (reader.size != writer.size)
                m_problems.push_back(join(path, "size") + ": fixed size mismatch, reader " + std::to_string(reader.size)
                    + ", writer " + std::to_string(writer.size));
            return;
        case AvroType::Array:
            check(reader.items, writer.items, join(path, "items"), depth + 1);
            return;
        case AvroType::Map:
            check(reader.values, writer.values, join(path, "values"), depth + 1);
            return;
        default:
            return;
        }
    }

    void checkRecord(const AvroNode& reader, const AvroNode& writer, const std::string& path, int depth)
    {
        if (!namesMatch(reader, writer)) {
            m_problems.push_back(path + ": name mismatch, reader " + reader.fullName + ", writer " + writer.fullName);
            return;
        }
        for (size_t i = 0; i < reader.fields.size(); ++i) {
            const AvroField& field = reader.fields[i];
            const std::string fieldPath = join(path, "fields/" + std::to_string(i));
            const AvroField* match = nullptr;
            for (const auto& candidate : writer.fields) {
                if (candidate.name == field.name)
                    match = &candidate;
            }
            for (size_t a = 0; !match && a < field.aliases.size(); ++a) {
                for (const auto& candidate : writer.fields) {
                    if (candidate.name == field.aliases[a])
                        match = &candidate;
                }
            }
            if (match)
                check(field.type, match->type, fieldPath, depth + 1);
            else if (!field.defaultValue)
                m_problems.push_back(fieldPath + ": the reader's field '" + field.name + "' of " + reader.fullName
                    + " has no default value and is missing in the writer's schema");
        }
    }

    static std::string describe(const AvroNode& node)
    {
        if (node.type == AvroType::Record || node.type == AvroType::Enum || node.type == AvroType::Fixed)
            return std::string(avroTypeName(node.type)) + " " + node.fullName;
        return avroTypeName(node.type);
    }

    const AvroSchema& m_reader;
    const AvroSchema& m_writer;
    std::set<std::pair<int, int>> m_inProgress;
    std::vector<std::string> m_problems;
};

struct LevelName {
    Compatibility level;
    const char* name;
};

constexpr LevelName LevelNames[] = {
    { Compatibility::None, "NONE" },
    { Compatibility::Backward, "BACKWARD" },
    { Compatibility::BackwardTransitive, "BACKWARD_TRANSITIVE" },
    { Compatibility::Forward, "FORWARD" },
    { Compatibility::ForwardTransitive, "FORWARD_TRANSITIVE" },
    { Compatibility::Full, "FULL" },
    { Compatibility::FullTransitive, "FULL_TRANSITIVE" },
};

} // namespace

std::vector<std::string> readProblems(const AvroSchema& reader, const AvroSchema& writer)
{
    Resolver resolver(reader, writer);
    resolver.check(reader.root(), writer.root(), std::string(), 0);
    return resolver.problems();
}

std::optional<Compatibility> compatibilityFromName(const std::string& name)
{
    for (const auto& entry : LevelNames) {
        if (name == entry.name)
            return entry.level;
    }
    return std::nullopt;
}

const char* compatibilityName(Compatibility level)
{
    for (const auto& entry : LevelNames) {
        if (level == entry.level)
            return entry.name;
    }
    return "NONE";
}

std::vector<std::string> compatibilityProblems(
    Compatibility level, const AvroSchema& candidate, const std::vector<const AvroSchema*>& existing)
{
    std::vector<std::string> problems;
    if (level == Compatibility::None || existing.empty())
        return problems;
    const bool transitive = level == Compatibility::BackwardTransitive || level == Compatibility::ForwardTransitive
        || level == Compatibility::FullTransitive;
    const bool backward = level != Compatibility::Forward && level != Compatibility::ForwardTransitive;
    const bool forward = level != Compatibility::Backward && level != Compatibility::BackwardTransitive;
    const size_t first = transitive ? 0 : existing.size() - 1;
    for (size_t i = existing.size(); i-- > first;) {
        const AvroSchema& old = *existing[i];
        if (backward) {
            for (auto& p : readProblems(candidate, old))
                problems.push_back("BACKWARD: the new schema cannot read data written with an earlier one: " + p);
        }
        if (forward) {
            for (auto& p : readProblems(old, candidate))
                problems.push_back("FORWARD: an earlier schema cannot read data written with the new one: " + p);
        }
    }
    return problems;
}

} // namespace samsa::avro
