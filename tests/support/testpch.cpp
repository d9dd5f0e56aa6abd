// Compiled only to build the precompiled header that the tests of one family reuse.
