// The example profiles of config/examples/, compiled in: published routines (hair loss on
// the scalp, acne scars, a beard, a pen) that `roller init --example NAME` writes for editing.
// The list is generated at build time by src/tools/examples_codegen.cpp.
#pragma once

#include <span>
#include <string_view>

namespace roller::cli {

/// One example profile.
struct Example {
  std::string_view name;     ///< the file name without `.toml`, as `--example` takes it
  std::string_view summary;  ///< its first line, without the "# "
  std::string_view text;     ///< the whole file, byte for byte
};

/// Every example, in name order.
[[nodiscard]] std::span<const Example> examples();

}  // namespace roller::cli
