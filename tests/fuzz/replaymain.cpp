// A main() for the fuzz targets in the default (gcc) build: runs LLVMFuzzerTestOneInput once on
// every file of the directories given (the seeds and the saved crash reproducers), as libFuzzer
// does when given files, so every crash ever found stays a test without clang. Prints each file
// before running it: a crash names its input.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

int main(int argc, char** argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i) {
        std::error_code error;
        if (std::filesystem::is_regular_file(argv[i], error)) {
            files.emplace_back(argv[i]);
            continue;
        }
        for (std::filesystem::recursive_directory_iterator it(argv[i], error), end; !error && it != end; it.increment(error)) {
            if (it->is_regular_file() && it->path().filename() != "README.md")
                files.push_back(it->path());
        }
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        std::fprintf(stderr, "%s\n", file.c_str());
        std::ifstream in(file, std::ios::binary);
        const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        // A copy of exactly the file's size, so that reading past its end is caught by ASan.
        std::vector<uint8_t> input(bytes.begin(), bytes.end());
        static uint8_t none = 0; // libFuzzer never passes a null pointer, even for an empty input
        LLVMFuzzerTestOneInput(input.empty() ? &none : input.data(), input.size());
    }
    std::fprintf(stderr, "%zu inputs ran cleanly\n", files.size());
    return files.empty() ? 1 : 0;
}
