// SPDX-License-Identifier: GPL-3.0-or-later
// fuzz-replay TARGET PATH...: runs a fuzz target on files (and on every file
// of a folder) without libFuzzer, as the normal presets' tests do with the
// inputs that once crashed it (tests/fuzz/regressions/TARGET/). A folder that
// does not exist holds no input. Exit 0 when every input ran; a crash or a
// sanitizer report ends the program as it would end the fuzzer.
#include "fuzztarget.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <map>
#include <string>

namespace packetlens::fuzz {
namespace {
std::map<std::string, TargetFn> &registry()
{
    static std::map<std::string, TargetFn> targets;
    return targets;
}

int runFile(TargetFn fn, const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "fuzz-replay: cannot read %s\n", qPrintable(path));
        return 1;
    }
    const QByteArray bytes = f.readAll();
    std::printf("fuzz-replay: %s (%lld bytes)\n", qPrintable(QFileInfo(path).fileName()), qlonglong(bytes.size()));
    std::fflush(stdout);
    fn(reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size()));
    return 0;
}
} // namespace

Registration::Registration(const char *name, TargetFn fn)
{
    registry()[name] = fn;
}

} // namespace packetlens::fuzz

int main(int argc, char **argv)
{
    using namespace packetlens::fuzz;
    if (argc < 2 || !registry().count(argv[1])) {
        std::fprintf(stderr, "usage: fuzz-replay TARGET [FILE|FOLDER]...\ntargets:");
        for (const auto &t : registry())
            std::fprintf(stderr, " %s", t.first.c_str());
        std::fprintf(stderr, "\n");
        return 2;
    }
    const TargetFn fn = registry()[argv[1]];
    int inputs = 0, failures = 0;
    for (int i = 2; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (QFileInfo(arg).isDir()) {
            const QFileInfoList files = QDir(arg).entryInfoList(QDir::Files | QDir::Hidden, QDir::Name);
            for (const QFileInfo &f : files) {
                failures += runFile(fn, f.filePath());
                ++inputs;
            }
        } else if (QFileInfo::exists(arg)) {
            failures += runFile(fn, arg);
            ++inputs;
        }
    }
    std::printf("fuzz-replay %s: %d input(s) ran\n", argv[1], inputs);
    return failures ? 1 : 0;
}
