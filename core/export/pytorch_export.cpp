#include "core/export/pytorch_export.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>

#include "core/data/point_cloud.h"
#include "core/export/python_literal.h"
#include "core/export/pytorch_template.h"
#include "core/export/script_template.h"
#include "core/gan/conditioning.h"
#include "core/gan/config_json.h"
#include "core/gan/config_names.h"
#include "core/util/atomic_file.h"

namespace ganscope {
namespace {

// The probes' own random stream, so exporting never touches the run's.
constexpr std::uint64_t kProbeStream = 0x70726f6265732121ULL;

}  // namespace

void checkExportable(const Config& config) {
  if (config.data.kind == DataKind::Dirac) {
    throw ExportError(
        "--export-pytorch: the Dirac-GAN (data.kind dirac) has no networks to export, only θ and ψ; export a "
        "run "
        "on any other data kind");
  }
  if (config.unroll > 0) {
    throw ExportError(
        "--export-pytorch: unroll = " + std::to_string(config.unroll) +
        " has no standard PyTorch form (an unrolled G step differentiates through D's optimizer "
        "updates, which torch.optim does not); set unroll=0 to export this run");
  }
}

namespace {

void refuseUnexportable(const TrainerState& state) {
  checkExportable(state.config);
  if (!state.divergence.empty()) {
    throw ExportError(
        "--export-pytorch: the run stopped (" + state.divergence +
        "); its weights cannot continue in PyTorch either; reset it or rewind before exporting");
  }
}

// The data keys the kind reads (the others are the defaults of other kinds, and would only mislead a reader).
std::vector<std::string> dataKeysOf(DataKind kind) {
  switch (kind) {
    case DataKind::Ring:
      return {"kind", "modes", "radius", "std"};
    case DataKind::Grid:
      return {"kind", "modes", "spacing", "std"};
    case DataKind::Gaussian:
      return {"kind", "std"};
    case DataKind::Gaussian1d:
      return {"kind", "mean", "std"};
    case DataKind::Mixture1d:
      return {"kind", "means", "stds", "weights"};
    case DataKind::Uniform1d:
    case DataKind::Uniform:
      return {"kind", "low", "high"};
    case DataKind::Points:
      return {"kind", "file", "points_dim", "std"};  // the points themselves: DATA_POINTS
    default:
      return {"kind", "radius", "std"};  // the shapes
  }
}

// The config as the script's CONFIG: every key but the Dirac-GAN's and the data keys other kinds read.
nlohmann::json scriptConfig(const Config& config) {
  nlohmann::json json = toJson(config);
  json.erase("dirac");
  nlohmann::json data;
  for (const std::string& key : dataKeysOf(config.data.kind)) data[key] = json["data"][key];
  json["data"] = data;
  return json;
}

std::string spaces(int count) {
  return std::string(static_cast<std::size_t>(count), ' ');
}

std::string vectorLiteral(const Eigen::Ref<const Vector>& values, int indent) {
  return pythonFloatList(values.data(), values.size(), indent);
}

// One dict a layer: {"weight": out × in rows, "bias": out numbers}, of the flat vector `flat` laid out like
// `net`.
std::string layersLiteral(const Mlp& net, const Vector& flat, int indent) {
  std::string out = "[\n";
  for (int layer = 1; layer <= net.layerCount(); ++layer) {
    const int inner = indent + 4;
    out += spaces(inner) + "{\"weight\": " + pythonRows(net.weight(flat, layer), inner + 11) + ",\n";
    out += spaces(inner + 1) + "\"bias\": " + vectorLiteral(net.bias(flat, layer), inner + 9) + "}";
    out += layer < net.layerCount() ? ",\n" : "\n";
  }
  return out + spaces(indent) + "]";
}

// The same per layer, each entry a dict of named buffers (an optimizer's statistics, laid out like the
// parameters).
std::string bufferLayersLiteral(const Mlp& net, const std::map<std::string, const Vector*>& buffers,
                                int indent) {
  std::string out = "[\n";
  for (int layer = 1; layer <= net.layerCount(); ++layer) {
    const int inner = indent + 4;
    for (const char* part : {"weight", "bias"}) {
      const bool weight = part[0] == 'w';
      out += spaces(inner) + (weight ? "{" : " ") + "\"" + part + "\": {";
      std::size_t i = 0;
      for (const auto& [name, buffer] : buffers) {
        const int valueIndent = inner + 4;
        out += "\n" + spaces(valueIndent) + "\"" + name + "\": ";
        out += weight
                   ? pythonRows(net.weight(*buffer, layer), valueIndent + static_cast<int>(name.size()) + 4)
                   : vectorLiteral(net.bias(*buffer, layer), valueIndent + static_cast<int>(name.size()) + 4);
        out += ++i < buffers.size() ? "," : "";
      }
      out += weight ? "},\n" : "}}";
    }
    out += layer < net.layerCount() ? ",\n" : "\n";
  }
  return out + spaces(indent) + "]";
}

bool isZero(const Vector& v) {
  return v.size() == 0 || v.isZero(0.0f);
}

// The optimizer's running statistics for the rule in force, or None when they are all zero (a fresh
// optimizer).
std::string optimizerLiteral(const Mlp& net, const Optimizer& optimizer, const OptimizerConfig& settings,
                             int indent) {
  std::map<std::string, const Vector*> buffers;
  std::string extra;
  switch (settings.kind) {
    case OptimizerKind::Sgd:
      return "None";
    case OptimizerKind::Momentum:
      if (isZero(optimizer.velocity())) return "None";
      buffers = {{"velocity", &optimizer.velocity()}};
      break;
    case OptimizerKind::Adam:
      if (optimizer.adamSteps() == 0) return "None";
      buffers = {{"first_moment", &optimizer.firstMoment()}, {"second_moment", &optimizer.secondMoment()}};
      extra = spaces(indent + 4) + "\"adam_steps\": " + std::to_string(optimizer.adamSteps()) + ",\n";
      break;
    case OptimizerKind::RmsProp:
      if (isZero(optimizer.meanSquare())) return "None";
      buffers = {{"mean_square", &optimizer.meanSquare()}};
      break;
  }
  for (const auto& [name, buffer] : buffers) {
    if (buffer->size() != net.parameterCount()) return "None";  // never stepped with this rule
  }
  return "{\n" + extra + spaces(indent + 4) + "\"layers\": " + bufferLayersLiteral(net, buffers, indent + 4) +
         "\n" + spaces(indent) + "}";
}

std::string spectralLiteral(const SpectralNorm& norm, int indent) {
  std::string out = "[\n";
  const auto& u = norm.leftVectors();
  const auto& v = norm.rightVectors();
  for (std::size_t layer = 0; layer < u.size(); ++layer) {
    out += spaces(indent + 4) + "{\"u\": " + vectorLiteral(u[layer], indent + 11) + ",\n";
    out += spaces(indent + 5) + "\"v\": " + vectorLiteral(v[layer], indent + 11) + "}";
    out += layer + 1 < u.size() ? ",\n" : "\n";
  }
  return out + spaces(indent) + "]";
}

std::string stateLiteral(const Trainer& trainer, const TrainerState& state) {
  const Config& config = trainer.config();
  std::string out = "{\n";
  out += "    \"generator\": " + layersLiteral(trainer.generator(), state.generatorParameters, 4) + ",\n";
  out +=
      "    \"discriminator\": " + layersLiteral(trainer.discriminator(), state.discriminatorParameters, 4) +
      ",\n";
  out += "    \"generator_optimizer\": " +
         optimizerLiteral(trainer.generator(), state.generatorOptimizer, config.optimizer.g, 4) + ",\n";
  out += "    \"discriminator_optimizer\": " +
         optimizerLiteral(trainer.discriminator(), state.discriminatorOptimizer, config.optimizer.d, 4);
  if (config.spectralNorm) out += ",\n    \"spectral_norm\": " + spectralLiteral(state.spectralNorm, 4);
  return out + "\n}";
}

// The network on x (inputs × n) in double precision from its float32 weights, each layer's weight matrix
// divided by divisors[l - 1] when given (spectral normalisation's σ, computed in double too), so that the
// probes compare the two programs' functions, not their float32 rounding (which grows with the outputs of a
// long-trained D).
Eigen::MatrixXd forwardInDouble(const Mlp& net, const Eigen::MatrixXd& x,
                                const std::vector<double>& divisors = {}) {
  Eigen::MatrixXd a = x;
  for (int layer = 1; layer <= net.layerCount(); ++layer) {
    Eigen::MatrixXd z = net.weight(layer).cast<double>() * a;
    if (!divisors.empty()) z /= divisors[static_cast<std::size_t>(layer - 1)];
    if (net.usesBias()) z.colwise() += net.bias(layer).cast<double>();
    switch (net.activation(layer)) {
      case Activation::Relu:
        z = z.cwiseMax(0.0);
        break;
      case Activation::LeakyRelu:
        // The slope as a double, 0.2, as nn.LeakyReLU(0.2) has it in float64 (in float32 both programs use 0.2f).
        z = z.unaryExpr([](double v) { return v > 0 ? v : 0.2 * v; });
        break;
      case Activation::Tanh:
        z = z.unaryExpr([](double v) { return std::tanh(v); });
        break;
      case Activation::Elu:
        z = z.unaryExpr([](double v) { return v > 0 ? v : std::expm1(v); });
        break;
      case Activation::Sigmoid:
        z = z.unaryExpr([](double v) { return 1.0 / (1.0 + std::exp(-v)); });
        break;
      case Activation::Identity:
        break;
    }
    a = std::move(z);
  }
  return a;
}

// D's inputs (packs whose every coordinate is uniform in the metrics box) and G's latent vectors, with the
// outputs ganscope's networks give for them; `norm` holds the run's power-iteration vectors (spectral_norm).
std::string probesLiteral(const Trainer& trainer, const SpectralNorm& norm) {
  const Config& config = trainer.config();
  const Bounds box = metricsGrid(trainer.data()).bounds;
  const int dim = trainer.data().dim();
  Rng rng(config.seed ^ kProbeStream);
  const int classes = trainer.classCount();
  Matrix dInputs((dim + classes) * config.pack, kExportProbeCount);
  Matrix gLatents(trainer.generator().inputDim(), kExportProbeCount);
  if (classes == 0) {
    for (Eigen::Index c = 0; c < dInputs.cols(); ++c) {
      for (Eigen::Index r = 0; r < dInputs.rows(); ++r) {
        const bool x = r % dim == 0;
        dInputs(r, c) =
            static_cast<float>(x ? rng.uniform(box.xMin, box.xMax) : rng.uniform(box.yMin, box.yMax));
      }
    }
    sampleLatent(config.latent.dist, rng, gLatents);
  } else {
    // A conditional run's networks read a one-hot class beside each sample and each z (Mirza & Osindero 2014):
    // every probe sample gets a class drawn uniformly.
    std::vector<int> labels(static_cast<std::size_t>(config.pack) * kExportProbeCount);
    for (int& k : labels) k = static_cast<int>(rng.below(static_cast<std::uint32_t>(classes)));
    auto samples = Eigen::Map<Matrix>(dInputs.data(), dim + classes, config.pack * kExportProbeCount);
    for (Eigen::Index c = 0; c < samples.cols(); ++c) {
      for (Eigen::Index r = 0; r < dim; ++r) {
        samples(r, c) =
            static_cast<float>(r == 0 ? rng.uniform(box.xMin, box.xMax) : rng.uniform(box.yMin, box.yMax));
      }
    }
    writeOneHot(samples.bottomRows(classes), labels);
    const Eigen::Index latentDim = config.latent.dim;
    for (Eigen::Index c = 0; c < gLatents.cols(); ++c) {
      sampleLatent(config.latent.dist, rng, gLatents.col(c).head(latentDim));
    }
    writeOneHot(gLatents.bottomRows(classes), std::span<const int>(labels.data(), kExportProbeCount));
  }
  // D as training evaluates it: under spectral normalisation the raw weights divided by σ = uᵀWv of
  // ganscope's power-iteration vectors (what PyTorch's parametrization computes in eval mode).
  std::vector<double> sigmas;
  if (config.spectralNorm) {
    for (int layer = 1; layer <= trainer.discriminator().layerCount(); ++layer) {
      const auto index = static_cast<std::size_t>(layer - 1);
      sigmas.push_back(norm.leftVectors()[index].cast<double>().dot(
          trainer.discriminator().weight(layer).cast<double>() * norm.rightVectors()[index].cast<double>()));
    }
  }
  const Mlp& d = config.spectralNorm ? trainer.discriminator() : trainer.evaluatedDiscriminator();
  const Eigen::MatrixXd dOutputs = forwardInDouble(d, dInputs.cast<double>(), sigmas);
  const Eigen::MatrixXd gOutputs = forwardInDouble(trainer.generator(), gLatents.cast<double>());
  std::string out = "{\n";
  out += "    \"d_inputs\": " + pythonRows(dInputs.transpose(), 16) + ",\n";
  out += "    \"d_outputs\": " + pythonDoubleList(dOutputs.data(), dOutputs.size(), 17) + ",\n";
  out += "    \"g_latents\": " + pythonRows(gLatents.transpose(), 17) + ",\n";
  out += "    \"g_outputs\": " + pythonDoubleList(gOutputs.data(), gOutputs.size(), 17) + "\n";
  return out + "}";
}

std::string boxLiteral(const Bounds& box) {
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "(%.17g, %.17g, %.17g, %.17g)", box.xMin, box.xMax, box.yMin,
                box.yMax);
  return buffer;
}

// The summary paragraph of the docstring, wrapped to 116 columns.
std::string summaryParagraph(const Config& config, long long step) {
  std::string text = "Exported by ganscope " GANSCOPE_VERSION " from the run \"" +
                     (config.name.empty() ? std::string("run") : config.name) + "\" at iteration " +
                     std::to_string(step) + "." +
                     (config.description.empty() ? "" : " " + config.description);
  for (char& c : text) {
    if (c == '\n' || c == '"' || c == '\\') c = c == '\n' ? ' ' : '\'';  // the docstring's quotes stay closed
  }
  std::string out;
  std::size_t column = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (column > 0 && column + 1 + word.size() > 116) {
      out += '\n';
      column = 0;
    } else if (column > 0) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string pytorchScript(const TrainerState& state, std::string_view fileName) {
  refuseUnexportable(state);
  Trainer trainer(state.config);
  trainer.restoreState(state);
  const Config& config = trainer.config();
  std::map<std::string, std::string> values;
  values["TITLE"] =
      "A GAN on " + std::string(enumName(config.data.kind)) + " data in PyTorch, continued from ganscope.";
  values["SUMMARY"] = summaryParagraph(config, state.step);
  values["FILE"] = std::string(fileName);
  values["CONFIG"] = pythonLiteral(scriptConfig(config));
  values["START_STEP"] = std::to_string(state.step);
  values["DIM"] = std::to_string(trainer.data().dim());
  values["METRICS_BOX"] = boxLiteral(metricsGrid(trainer.data()).bounds);
  values["PROBES"] = probesLiteral(trainer, state.spectralNorm);
  values["STATE"] = stateLiteral(trainer, state);
  if (config.data.kind == DataKind::Points) {
    const auto* cloud = dynamic_cast<const PointCloud*>(&trainer.data());
    if (cloud == nullptr) throw ExportError("--export-pytorch: data.kind points did not give a point cloud");
    values["DATA_POINTS"] = pythonFloatList(cloud->points().data(), cloud->points().size(), 0);
    std::string classes = "[";
    for (std::size_t i = 0; i < cloud->classes().size(); ++i) {
      classes += (i == 0 ? "" : ", ") + std::to_string(cloud->classes()[i]);
    }
    values["DATA_CLASSES"] = classes + "]";
  }
  return fillTemplate(pytorchScriptTemplate(), enumName(config.data.kind), values);
}

void exportPytorchScript(const TrainerState& state, const std::string& path) {
  const std::string name = std::filesystem::path(path).filename().string();
  writeFileAtomically(path, pytorchScript(state, name.empty() ? std::string("run.py") : name));
}

}  // namespace ganscope
