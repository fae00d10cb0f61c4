#include "app/cli/output_plan.h"

#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

namespace ganscope {
namespace {

namespace fs = std::filesystem;

// A file named on the command line, with the flag that named it.
struct NamedFile {
  std::string flag;
  fs::path path;
};

// Whether `a` and `b` are one file: the same file on disk (links included) where both exist, else the same
// path once made absolute and normal.
bool sameFile(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec) && !ec;
  const fs::path left = fs::weakly_canonical(fs::absolute(a, ec), ec);
  const fs::path right = fs::weakly_canonical(fs::absolute(b, ec), ec);
  return left == right;
}

std::vector<NamedFile> outputsOf(const CliOptions& options) {
  std::vector<NamedFile> outputs;
  auto add = [&](const char* flag, const std::string& path) {
    if (!path.empty()) outputs.push_back({flag, path});
  };
  add("--metrics-out", options.metricsOut);
  add("--save-session", options.saveSession);
  add("--save-config", options.saveConfig);
  add("--export-pytorch", options.exportPytorch);
  add("--screenshot", options.screenshot);
  if (!options.record.empty() && options.record.back() != '/') add("--record", options.record);
  return outputs;
}

std::vector<NamedFile> inputsOf(const CliOptions& options, const Config& config) {
  std::vector<NamedFile> inputs;
  if (!options.loadSession.empty()) inputs.push_back({"--load-session", options.loadSession});
  std::error_code ec;
  if (!options.preset.empty() && fs::is_regular_file(options.preset, ec))
    inputs.push_back({"--preset", options.preset});
  if (!config.data.file.empty()) inputs.push_back({"data.file", config.data.file});
  return inputs;
}

}  // namespace

std::string outputPlanProblem(const CliOptions& options, const Config& config) {
  const std::vector<NamedFile> outputs = outputsOf(options);
  const std::vector<NamedFile> inputs = inputsOf(options, config);
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    for (std::size_t j = i + 1; j < outputs.size(); ++j) {
      if (sameFile(outputs[i].path, outputs[j].path)) {
        return outputs[i].flag + " and " + outputs[j].flag + " name the same file '" +
               outputs[i].path.string() + "': one would replace the other; give each its own name";
      }
    }
    for (const NamedFile& input : inputs) {
      if (sameFile(outputs[i].path, input.path)) {
        return outputs[i].flag + " '" + outputs[i].path.string() + "' is the file " + input.flag +
               " reads: writing it would destroy it; give the output another name";
      }
    }
  }
  return {};
}

}  // namespace ganscope
