#pragma once

// The typed message layer. Each Kafka message is a plain struct that lists its fields once, in
// wire order, with the versions they exist in:
//
//     struct FindCoordinatorRequest {
//         std::string key;
//         int8_t keyType = 0;
//         template <class Io> void fields(Io& io)
//         {
//             io.field(key, until(3));
//             io.field(keyType, since(1));
//         }
//     };
//
// The same list drives decoding (MessageDecoder), encoding (MessageEncoder) and the tests' sample
// filler, so a message cannot be read one way and written another. The C++ type of a field picks
// its wire type: std::string is STRING, std::optional<std::string> NULLABLE_STRING, Bytes and
// std::optional<Bytes> BYTES, Records RECORDS, Uuid UUID, std::vector<T> ARRAY (std::optional for a
// nullable one), and any other struct a nested struct. Compact forms and the tagged-field section
// of each struct follow from the message's first flexible version, never from the struct.
// Tagged fields are declared with io.tagged(tag, value, versions) and are written only when they
// differ from their default.

#include "bytereader.h"
#include "bytewriter.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

namespace samsa::broker::protocol {

struct Versions {
    int16_t first = 0;
    int16_t last = INT16_MAX;
    constexpr bool contains(int16_t v) const { return v >= first && v <= last; }
};
constexpr Versions allVersions() { return {}; }
constexpr Versions since(int16_t v) { return { v, INT16_MAX }; }
constexpr Versions until(int16_t v) { return { 0, v }; }
constexpr Versions between(int16_t first, int16_t last) { return { first, last }; }

using Bytes = std::vector<uint8_t>;
using Uuid = std::array<uint8_t, 16>;

// A RECORDS field. Decoded, it is a view into the request frame (never copied: Produce hands it
// to the log as is). Encoded, it is either bytes in memory or pieces of segment files that go to
// the socket with sendfile (Fetch).
struct Records {
    std::optional<std::span<const uint8_t>> bytes;
    std::vector<FileRegion> regions;
    // Keeps `bytes` alive when they were made for this response (Fetch v0-v3's converted messages).
    std::shared_ptr<const std::vector<uint8_t>> owned;

    bool isNull() const { return !bytes && regions.empty(); }
    bool operator==(const Records& other) const
    {
        if (bytes.has_value() != other.bytes.has_value() || regions.size() != other.regions.size())
            return false;
        return !bytes || std::equal(bytes->begin(), bytes->end(), other.bytes->begin(), other.bytes->end());
    }
};

template <class T> struct IsVector : std::false_type { };
template <class T> struct IsVector<std::vector<T>> : std::true_type { };
template <class T> struct IsOptional : std::false_type { };
template <class T> struct IsOptional<std::optional<T>> : std::true_type { };

// A field's value equals its default: tagged fields are written only when it does not.
template <class T> bool isDefault(const T& value, const T& defaultValue)
{
    if constexpr (IsVector<T>::value)
        return value.empty() && defaultValue.empty();
    else
        return value == defaultValue;
}

class MessageDecoder {
public:
    MessageDecoder(ByteReader& in, int16_t version, bool flexible)
        : m_in(in)
        , m_version(version)
        , m_flexible(flexible)
    {
    }

    int16_t version() const { return m_version; }
    bool flexible() const { return m_flexible; }
    bool ok() const { return m_in.ok(); }

    template <class T> void field(T& value, Versions versions = {})
    {
        if (m_tag == RegularFields && versions.contains(m_version))
            read(value);
    }

    template <class T> void tagged(int32_t tag, T& value, Versions versions, const T& = T {})
    {
        if (m_tag == tag && versions.contains(m_version)) {
            read(value);
            m_tagFound = true; // after read: a nested struct's own tagged section resets it
        }
    }

    // Reads a whole struct: its fields, then (flexible versions) its tagged-field section.
    template <class T> void readStruct(T& s)
    {
        const int32_t outerTag = m_tag;
        m_tag = RegularFields;
        s.fields(*this);
        if (m_flexible)
            readTaggedFields(s);
        m_tag = outerTag;
    }

private:
    static constexpr int32_t RegularFields = -1;

    template <class T> void readTaggedFields(T& s)
    {
        const uint32_t count = m_in.readUnsignedVarint();
        for (uint32_t i = 0; i < count && m_in.ok(); ++i) {
            const uint32_t tag = m_in.readUnsignedVarint();
            const uint32_t size = m_in.readUnsignedVarint();
            if (!m_in.ok() || size > m_in.remaining() || tag > INT32_MAX) {
                m_in.fail();
                return;
            }
            const size_t start = m_in.position();
            m_tag = static_cast<int32_t>(tag);
            m_tagFound = false;
            s.fields(*this);
            m_tag = RegularFields;
            if (!m_tagFound)
                m_in.readRaw(size); // a tag this broker does not know: skipped, as Kafka does
            else if (m_in.position() - start != size)
                m_in.fail();
        }
    }

    void read(bool& v) { v = m_in.readBool(); }
    void read(int8_t& v) { v = m_in.readInt8(); }
    void read(int16_t& v) { v = m_in.readInt16(); }
    void read(int32_t& v) { v = m_in.readInt32(); }
    void read(int64_t& v) { v = m_in.readInt64(); }
    void read(uint16_t& v) { v = static_cast<uint16_t>(m_in.readInt16()); }
    void read(uint32_t& v) { v = m_in.readUInt32(); }
    void read(std::string& v) { v = m_in.readString(m_flexible); }
    void read(std::optional<std::string>& v) { v = m_in.readNullableString(m_flexible); }
    void read(Uuid& v) { m_in.readUuid(v.data()); }
    void read(Bytes& v)
    {
        const auto b = m_in.readBytes(m_flexible);
        v.assign(b.begin(), b.end());
    }
    void read(std::optional<Bytes>& v)
    {
        const auto b = m_in.readNullableBytes(m_flexible);
        v = b ? std::optional<Bytes>(Bytes(b->begin(), b->end())) : std::nullopt;
    }
    void read(Records& v)
    {
        v.regions.clear();
        v.bytes = m_in.readNullableBytes(m_flexible);
    }
    template <class T> void read(std::vector<T>& v)
    {
        v.clear();
        const int32_t n = m_in.readArrayLength(m_flexible);
        readElements(v, n);
    }
    template <class T> void read(std::optional<std::vector<T>>& v)
    {
        const int32_t n = m_in.readArrayLength(m_flexible);
        if (n < 0) {
            v.reset();
            return;
        }
        v.emplace();
        readElements(*v, n);
    }
    template <class T> void read(T& s) { readStruct(s); }

    template <class T> void readElements(std::vector<T>& v, int32_t n)
    {
        // A count is at most the bytes left, but an element takes far more memory than its shortest
        // wire form: reserving the whole count up front would let a frame of zeros claim gigabytes
        // (and throw bad_alloc on the connection's thread). Reserve a little; growth then follows
        // the elements that really decode.
        if (n > 0)
            v.reserve(std::min<size_t>(static_cast<size_t>(n), 256));
        for (int32_t i = 0; i < n && m_in.ok(); ++i)
            read(v.emplace_back());
    }

    ByteReader& m_in;
    int16_t m_version;
    bool m_flexible;
    int32_t m_tag = RegularFields;
    bool m_tagFound = false;
};

class MessageEncoder {
public:
    MessageEncoder(ByteWriter& out, int16_t version, bool flexible)
        : m_out(out)
        , m_version(version)
        , m_flexible(flexible)
    {
    }

    int16_t version() const { return m_version; }
    bool flexible() const { return m_flexible; }

    template <class T> void field(const T& value, Versions versions = {})
    {
        if (m_mode == Mode::Regular && versions.contains(m_version))
            write(value);
    }

    template <class T> void tagged(int32_t tag, const T& value, Versions versions, const T& defaultValue = T {})
    {
        if (!versions.contains(m_version) || isDefault(value, defaultValue))
            return;
        if (m_mode == Mode::CountTags) {
            m_tags.push_back(tag);
        } else if (m_mode == Mode::WriteTag && m_tag == tag) {
            ByteWriter body;
            MessageEncoder inner(body, m_version, m_flexible);
            inner.write(value);
            m_out.writeUnsignedVarint(static_cast<uint32_t>(tag));
            m_out.writeUnsignedVarint(static_cast<uint32_t>(body.buffer().size()));
            m_out.writeRaw(body.buffer());
        }
    }

    // Writes a whole struct: its fields, then (flexible versions) its tagged-field section.
    template <class T> void writeStruct(const T& s)
    {
        // fields() is shared with the decoder, so it takes the struct by non-const reference; the
        // encoder only reads through it.
        T& fields = const_cast<T&>(s);
        const Mode outerMode = m_mode;
        const int32_t outerTag = m_tag;
        std::vector<int32_t> outerTags = std::move(m_tags);
        m_tags.clear();
        m_mode = Mode::Regular;
        fields.fields(*this);
        if (m_flexible) {
            m_mode = Mode::CountTags;
            fields.fields(*this);
            std::sort(m_tags.begin(), m_tags.end());
            const std::vector<int32_t> tags = std::move(m_tags);
            m_out.writeUnsignedVarint(static_cast<uint32_t>(tags.size()));
            m_mode = Mode::WriteTag;
            for (int32_t tag : tags) {
                m_tag = tag;
                fields.fields(*this);
            }
        }
        m_mode = outerMode;
        m_tag = outerTag;
        m_tags = std::move(outerTags);
    }

private:
    enum class Mode { Regular, CountTags, WriteTag };

    void write(bool v) { m_out.writeBool(v); }
    void write(int8_t v) { m_out.writeInt8(v); }
    void write(int16_t v) { m_out.writeInt16(v); }
    void write(int32_t v) { m_out.writeInt32(v); }
    void write(int64_t v) { m_out.writeInt64(v); }
    void write(uint16_t v) { m_out.writeInt16(static_cast<int16_t>(v)); }
    void write(uint32_t v) { m_out.writeUInt32(v); }
    void write(const std::string& v) { m_out.writeString(m_flexible, v); }
    void write(const std::optional<std::string>& v) { m_out.writeNullableString(m_flexible, v); }
    void write(const Uuid& v) { m_out.writeUuid(v.data()); }
    void write(const Bytes& v) { m_out.writeBytes(m_flexible, v); }
    void write(const std::optional<Bytes>& v)
    {
        m_out.writeNullableBytes(
            m_flexible, v ? std::optional<std::span<const uint8_t>>(*v) : std::optional<std::span<const uint8_t>>());
    }
    void write(const Records& v)
    {
        if (!v.regions.empty())
            m_out.writeRecords(m_flexible, v.regions);
        else
            m_out.writeNullableBytes(m_flexible, v.bytes);
    }
    template <class T> void write(const std::vector<T>& v)
    {
        m_out.writeArrayLength(m_flexible, static_cast<int32_t>(v.size()));
        for (const T& e : v)
            write(e);
    }
    template <class T> void write(const std::optional<std::vector<T>>& v)
    {
        if (!v) {
            m_out.writeArrayLength(m_flexible, -1);
            return;
        }
        write(*v);
    }
    template <class T> void write(const T& s) { writeStruct(s); }

    ByteWriter& m_out;
    int16_t m_version;
    bool m_flexible;
    Mode m_mode = Mode::Regular;
    int32_t m_tag = -1;
    std::vector<int32_t> m_tags;
};

// Decodes a whole message body; false when it is malformed. Bytes after the message are
// tolerated, as Kafka does.
template <class T> bool decodeMessage(std::span<const uint8_t> body, int16_t version, bool flexible, T& message)
{
    ByteReader in(body);
    MessageDecoder decoder(in, version, flexible);
    decoder.readStruct(message);
    return in.ok();
}

template <class T> void encodeMessage(ByteWriter& out, int16_t version, bool flexible, const T& message)
{
    MessageEncoder encoder(out, version, flexible);
    encoder.writeStruct(message);
}

} // namespace samsa::broker::protocol
