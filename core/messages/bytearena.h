#pragma once

// One block of memory for the keys, values and headers of a batch of records read together.
// Each copy is a QByteArray that shares the block (Qt's reference count keeps it alive while any
// copy lives) instead of an allocation of its own: a million records read is a thousand blocks,
// not two million small allocations made on the reader's thread and freed on another.
// Copies are null-terminated like any QByteArray, and writing to one detaches it as usual.

#include <QByteArray>

namespace Samsa {

class ByteArena {
public:
    // Room for `capacity` bytes of copies (add one per copy for its terminating zero).
    explicit ByteArena(qsizetype capacity);

    // A copy of the bytes in the block, or a separate allocation when the block is full.
    QByteArray copy(const char* bytes, qsizetype size);

    // Bytes one copy takes of the capacity.
    static qsizetype footprint(qsizetype size) { return size + 1; }

private:
    QByteArray m_block;
    char* m_base = nullptr; // taken once: data() on the shared block would detach it
    qsizetype m_used = 0;
};

} // namespace Samsa
