#pragma once
// The program's entry point as a function, so tests can run it in-process.
#include <iosfwd>

namespace ganscope {

/// Runs ganscope with these arguments; returns the exit code (see ExitCode).
int runProgram(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace ganscope
