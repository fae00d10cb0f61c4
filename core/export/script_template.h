#pragma once
// Filling in a script template: blocks kept or dropped by the run's data kind, and @@NAME@@ placeholders
// replaced.
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ganscope {

/// A template that cannot be filled in: a placeholder without a value, a value without a placeholder, or a
/// block without its end. The message names which (a defect of the program, not of the user's input).
class TemplateError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

/// The template with its blocks chosen and its placeholders replaced:
/// - a line `# @@if WORD WORD ...` opens a block that is kept when `kind` is one of the words, `# @@end`
/// closes it
///   (blocks nest; a block inside a dropped one is dropped); both marker lines are dropped;
/// - any other line that starts with `# @@` is a note about the template and is dropped;
/// - every `@@NAME@@` in a kept line is replaced by values.at("NAME").
/// Throws TemplateError when a kept line names a placeholder that `values` lacks, when a value is used
/// nowhere, or when the blocks do not balance.
std::string fillTemplate(std::string_view text, std::string_view kind,
                         const std::map<std::string, std::string>& values);

}  // namespace ganscope
