#include "app/gl/shader_source.h"

#include <stdexcept>
#include <vector>

#include "app/gl/embedded_shaders.h"

namespace ganscope {
namespace {

std::string_view embeddedOrThrow(std::string_view file) {
  const std::string_view source = embeddedShader(file);
  if (source.empty())
    throw std::runtime_error(
        "shader '" + std::string(file) +
        "' is not embedded in the program (is it in shaders/? re-run the cmake configure step)");
  return source;
}

// Appends `source` to `out` line by line, expanding #include "name" lines; each file is included once.
void appendExpanded(std::string_view source, std::string& out, std::vector<std::string>& included) {
  constexpr std::string_view kInclude = "#include \"";
  while (!source.empty()) {
    const std::size_t end = source.find('\n');
    const std::string_view line = source.substr(0, end);
    source = end == std::string_view::npos ? std::string_view{} : source.substr(end + 1);
    if (line.starts_with(kInclude)) {
      const std::size_t close = line.find('"', kInclude.size());
      const std::string name(line.substr(kInclude.size(), close - kInclude.size()));
      bool seen = false;
      for (const std::string& done : included) seen = seen || done == name;
      if (!seen) {
        included.push_back(name);
        appendExpanded(embeddedOrThrow(name), out, included);
      }
      continue;
    }
    out.append(line).append("\n");
  }
}

}  // namespace

std::string expandShader(std::string_view file, std::string_view defines) {
  const std::string_view source = embeddedOrThrow(file);
  std::string out;
  std::string_view body = source;
  if (source.starts_with("#version")) {
    const std::size_t end = source.find('\n');
    out.append(source.substr(0, end)).append("\n");
    body = end == std::string_view::npos ? std::string_view{} : source.substr(end + 1);
  }
  out.append(defines);
  if (!defines.empty() && defines.back() != '\n') out.append("\n");
  std::vector<std::string> included;
  appendExpanded(body, out, included);
  return out;
}

}  // namespace ganscope
