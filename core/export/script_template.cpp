#include "core/export/script_template.h"

#include <set>
#include <sstream>
#include <vector>

namespace ganscope {
namespace {

constexpr std::string_view kMarker = "# @@";

bool startsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Whether the words after "if" name `kind`.
bool blockKeeps(std::string_view words, std::string_view kind) {
  std::istringstream stream{std::string(words)};
  std::string word;
  while (stream >> word) {
    if (word == kind) return true;
  }
  return false;
}

// `line` with every @@NAME@@ replaced; records the names used.
std::string substitute(std::string_view line, const std::map<std::string, std::string>& values,
                       std::set<std::string>& used) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = line.find("@@", at);
    if (open == std::string_view::npos) break;
    const std::size_t close = line.find("@@", open + 2);
    if (close == std::string_view::npos)
      throw TemplateError("script template: an unclosed @@ in: " + std::string(line));
    const std::string name(line.substr(open + 2, close - open - 2));
    const auto value = values.find(name);
    if (value == values.end()) throw TemplateError("script template: no value for @@" + name + "@@");
    used.insert(name);
    out.append(line.substr(at, open - at));
    out.append(value->second);
    at = close + 2;
  }
  out.append(line.substr(at));
  return out;
}

}  // namespace

std::string fillTemplate(std::string_view text, std::string_view kind,
                         const std::map<std::string, std::string>& values) {
  std::string out;
  out.reserve(text.size() * 2);
  std::vector<bool> keeping;  // one entry per open block: whether it (and every block around it) is kept
  std::set<std::string> used;
  std::size_t lineNumber = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++lineNumber;
    const bool kept = keeping.empty() || keeping.back();
    if (startsWith(line, kMarker)) {
      const std::string_view rest = line.substr(kMarker.size());
      if (startsWith(rest, "if ")) {
        keeping.push_back(kept && blockKeeps(rest.substr(3), kind));
      } else if (rest == "end") {
        if (keeping.empty())
          throw TemplateError("script template: line " + std::to_string(lineNumber) + ": @@end without @@if");
        keeping.pop_back();
      }
      continue;  // markers and notes never reach the script
    }
    if (!kept) continue;
    out += substitute(line, values, used);
    out += '\n';
  }
  if (!keeping.empty()) throw TemplateError("script template: an @@if block is not closed by @@end");
  for (const auto& [name, value] : values) {
    if (!used.contains(name))
      throw TemplateError("script template: the value @@" + name + "@@ is used nowhere");
  }
  return out;
}

}  // namespace ganscope
