// SPDX-License-Identifier: MIT
#pragma once
// The command-line front end as a function, so tests drive it in-process
// with string streams.

#include <iosfwd>
#include <string>
#include <vector>

#include "io/terminal.hpp"

namespace aidecide::cli {

// Parses arguments, runs a subcommand and returns its exit code (contract
// section 5). Never calls exit().
int run(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err,
        const Environment& env);
int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err, const Environment& env);

}  // namespace aidecide::cli
