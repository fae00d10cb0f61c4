#include "core/gan/config.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "core/data/distribution.h"
#include "core/gan/config_json.h"
#include "core/gan/config_names.h"
#include "core/gan/config_ranges.h"

namespace ganscope {
namespace {

// Whether `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
bool isUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    int length = 0;
    unsigned minimum = 0, code = 0;
    if (byte < 0x80) {
      ++i;
      continue;
    } else if ((byte & 0xE0) == 0xC0) {
      length = 2, minimum = 0x80, code = byte & 0x1F;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3, minimum = 0x800, code = byte & 0x0F;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4, minimum = 0x10000, code = byte & 0x07;
    } else {
      return false;
    }
    if (i + static_cast<std::size_t>(length) > text.size()) return false;
    for (int k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += static_cast<std::size_t>(length);
  }
  return true;
}

// Collects messages of the form "key: what is wrong; what is allowed (got value)".
class Problems {
 public:
  void add(const std::string& key, const std::string& what) { messages_.push_back(key + ": " + what); }

  // Checks `value` against the range table's entry for `key` (or `rangeKey`, for an entry of a list).
  void number(const std::string& key, double value, std::string_view rangeKey = {}) {
    const NumberRange& range = rangeOf(rangeKey.empty() ? std::string_view(key) : rangeKey);
    if (!allows(range, value)) messages_.push_back(rangeProblem(range, key, value));
  }
  // Checks every entry of a list against the list key's range, and its length against `most`.
  template <typename T>
  void list(const std::string& key, const std::vector<T>& values, std::size_t most) {
    if (values.size() > most) {
      add(key, "at most " + std::to_string(most) + " entries (got " + std::to_string(values.size()) + ")");
      return;
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
      std::string entry = key;  // built by appending (GCC 12's false -Wrestrict on "a" + std::string, bug 105329)
      entry.append("[").append(std::to_string(i)).append("]");
      number(entry, static_cast<double>(values[i]), key);
    }
  }
  // Checks a text's length, and that it is UTF-8 (JSON text is: a config must write back as it was read).
  void text(const std::string& key, const std::string& value, std::size_t most) {
    if (value.size() > most) {
      add(key, "at most " + std::to_string(most) + " bytes of text (got " + std::to_string(value.size()) + ")");
    } else if (!isUtf8(value)) {
      add(key, "must be UTF-8 text (it holds a byte sequence that is not)");
    } else if (std::any_of(value.begin(), value.end(), [](char c) {
                 const auto u = static_cast<unsigned char>(c);
                 return (u < 0x20 && c != '\n' && c != '\t') || u == 0x7f;
               })) {
      // A terminal or the window would act on them (an escape sequence from a shared file, say).
      add(key, "must not hold control characters (newlines and tabs are allowed)");
    }
  }
  bool empty() const { return messages_.empty(); }
  std::vector<std::string> take() { return std::move(messages_); }

 private:
  std::vector<std::string> messages_;
};

void checkOptimizer(Problems& p, const std::string& prefix, const OptimizerConfig& o) {
  p.number(prefix + ".lr", o.lr);
  p.number(prefix + ".beta1", o.beta1);
  p.number(prefix + ".beta2", o.beta2);
  p.number(prefix + ".momentum", o.momentum);
  p.number(prefix + ".rho", o.rho);
  p.number(prefix + ".eps", o.eps);
}

// The data's numbers; what each kind needs beyond them (a positive std for a mixture, low < high) is checked by
// makeDistribution.
void checkData(Problems& p, const DataConfig& d) {
  p.number("data.modes", d.modes);
  p.number("data.radius", d.radius);
  p.number("data.spacing", d.spacing);
  p.number("data.mean", d.mean);
  p.number("data.std", d.std);
  p.list("data.means", d.means, kMaxMixtureComponents);
  p.list("data.stds", d.stds, kMaxMixtureComponents);
  p.list("data.weights", d.weights, kMaxMixtureComponents);
  p.number("data.low", d.low);
  p.number("data.high", d.high);
  p.text("data.file", d.file, kMaxTextLength);
  // kMaxDrawnPoints samples of points_dim numbers each (a 1D drawing holds half the numbers of a 2D one).
  p.list("data.points", d.points, static_cast<std::size_t>(d.pointsDim == 1 ? 1 : 2) * kMaxDrawnPoints);
  p.number("data.points_dim", d.pointsDim);
  p.list("data.point_classes", d.pointClasses, kMaxDrawnPoints);
}

// The conditional GAN needs data with classes, at most kMaxClasses of them, and has no unrolled form here.
void checkConditional(Problems& p, const Config& c) {
  if (!c.conditional) return;
  const DataKind kind = c.data.kind;
  if (!kindHasClasses(kind)) {
    p.add("conditional", "true needs data with classes: ring, grid or mixture1d (the class is the mode index) or "
                         "points with classes, not " + std::string(enumName(kind)) + "; set conditional=false");
    return;
  }
  if (c.unroll > 0) {
    p.add("conditional", "true is not available with unroll (got unroll " + std::to_string(c.unroll) +
                             "): an unrolled G step is unconditional here; set unroll=0 or conditional=false");
  }
  if (!p.empty()) return;  // the data's own numbers are wrong: the class count below would mislead
  int classes = configuredClassCount(c.data);
  if (classes < 0) {
    try {
      classes = makeDistribution(c.data)->classCount();
    } catch (const std::exception&) {
      return;  // reported under `data`
    }
  }
  if (classes == 0) {
    p.add("conditional", "true needs points with classes: a last column named class in data.file's header "
                         "(x,y,class) or data.point_classes for drawn points; these points have none");
  } else if (classes > kMaxClasses) {
    p.add("conditional", "true takes at most " + std::to_string(kMaxClasses) + " classes (got " +
                             std::string(enumName(kind)) + " with " + std::to_string(classes) + ")");
  }
}

// The timeline: events in order of `at`, each one's settings known keys that apply live, and the config after each
// event (the ones before it applied too) valid. Messages name the event: "timeline[1] (at 3000): pack: ...".
void checkTimeline(Problems& p, const Config& c) {
  const auto& timeline = c.timeline;
  if (timeline.size() > kMaxTimelineEvents) {
    p.add("timeline", "at most " + std::to_string(kMaxTimelineEvents) + " events (got " +
                          std::to_string(timeline.size()) + ")");
    return;
  }
  Config running = c;
  running.timeline.clear();
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    const TimelineEvent& event = timeline[i];
    const std::string name = eventName(i, event);
    if (event.at < 0 || event.at > kMaxEventIteration) {
      p.add(name, "at must be an iteration from 0 to " + std::to_string(kMaxEventIteration));
      return;
    }
    if (i > 0 && event.at < timeline[i - 1].at) {
      p.add(name, "comes before " + eventName(i - 1, timeline[i - 1]) + "; list the events in order of at");
      return;
    }
    if (event.caption) p.text(name + ": caption", *event.caption, kMaxTextLength);
    if (event.set.size() > kMaxEventSettings) {
      p.add(name, "at most " + std::to_string(kMaxEventSettings) + " settings an event (got " +
                      std::to_string(event.set.size()) + ")");
      return;
    }
    for (const TimelineSetting& setting : event.set) {
      Config after = running;
      try {
        applySetting(after, setting.key + "=" + setting.value);
      } catch (const ConfigError& e) {
        p.add(name, std::string("set: ") + e.what());
        return;
      }
      if (needsRebuild(running, after)) {
        p.add(name, "set: " + setting.key + " changes the networks' shape, latent space, data dimension or seed, "
                    "which starts a new run; a timeline changes what applies live (learning rates, loss, "
                    "penalties, stabilizers, steps, batch, data parameters)");
        return;
      }
      running = std::move(after);
    }
    const auto problems = validate(running);
    if (!problems.empty()) {
      p.add(name, "after its settings, " + problems.front());
      return;
    }
  }
}

}  // namespace

std::vector<std::string> validate(const Config& c) {
  Problems p;
  p.text("name", c.name, kMaxTextLength);
  p.text("description", c.description, kMaxTextLength);
  p.number("demo_steps", c.demoSteps);
  checkData(p, c.data);
  // The distribution itself is built only from numbers in range (makeDistribution reads data.file).
  if (p.empty()) {
    try {
      (void)makeDistribution(c.data);
    } catch (const std::exception& e) {
      p.add("data", e.what());
    }
  }
  p.number("dirac.theta", c.dirac.theta);
  p.number("dirac.psi", c.dirac.psi);
  p.number("latent.dim", c.latent.dim);
  p.list("generator.hidden", c.generator.hidden, kMaxHiddenLayers);
  p.list("discriminator.hidden", c.discriminator.hidden, kMaxHiddenLayers);
  p.number("penalty.gp", c.penalty.gp);
  p.number("penalty.r1", c.penalty.r1);
  p.number("penalty.r2", c.penalty.r2);
  p.number("penalty.clip", c.penalty.clip);
  checkOptimizer(p, "optimizer.g", c.optimizer.g);
  checkOptimizer(p, "optimizer.d", c.optimizer.d);
  p.number("batch", c.batch);
  p.number("d_steps", c.dSteps);
  p.number("g_steps", c.gSteps);
  if (c.update == UpdateOrder::Simultaneous && (c.dSteps != 1 || c.gSteps != 1)) {
    p.add("update", "simultaneous takes one D and one G gradient from the same point, so d_steps and g_steps must "
                    "be 1 (got " + std::to_string(c.dSteps) + " and " + std::to_string(c.gSteps) + "); use "
                    "alternating for several steps");
  }
  p.number("unroll", c.unroll);
  if (c.unroll > 0 && c.update != UpdateOrder::Alternating) {
    p.add("unroll", "unrolling D before each G step needs update = alternating (got unroll " +
                        std::to_string(c.unroll) + " with simultaneous updates)");
  }
  p.number("pack", c.pack);
  p.number("instance_noise", c.instanceNoise);
  p.number("instance_noise_anneal", c.instanceNoiseAnneal);
  if (c.data.kind == DataKind::Dirac && c.pack > 1) {
    p.add("pack", "the Dirac-GAN's discriminator sees one number, so pack must be 1 (got " +
                      std::to_string(c.pack) + ")");
  }
  if (c.data.kind == DataKind::Dirac && c.spectralNorm) {
    p.add("spectral_norm", "the Dirac-GAN's discriminator is one weight ψ, which spectral normalisation would pin "
                           "to ±1; use false there");
  }
  checkConditional(p, c);
  p.number("seed", static_cast<double>(c.seed));
  p.number("metrics_every", c.metricsEvery);
  p.number("metrics_samples", c.metricsSamples);
  if (p.empty()) checkTimeline(p, c);
  return p.take();
}

bool needsRebuild(const Config& before, const Config& after) {
  const bool diracBefore = before.data.kind == DataKind::Dirac, diracAfter = after.data.kind == DataKind::Dirac;
  if (diracBefore != diracAfter) return true;
  if (before.seed != after.seed) return true;
  if (diracAfter) return before.dirac != after.dirac;
  if (before.generator != after.generator || before.discriminator != after.discriminator ||
      before.latent != after.latent) {
    return true;
  }
  // A new data dimension needs new input/output layers; two point files may differ in dimension. A drawing
  // changed (a stroke more) keeps the networks: G and D train on at once.
  const int dimBefore = configuredDataDimension(before.data), dimAfter = configuredDataDimension(after.data);
  if (dimBefore != dimAfter) return true;
  // A conditional G and D read a one-hot block as wide as the classes (Mirza & Osindero 2014).
  if (before.conditional != after.conditional) return true;
  if (after.conditional && configuredClassCount(before.data) != configuredClassCount(after.data)) return true;
  return dimAfter == 0 && before.data.file != after.data.file;
}

bool needsNewDiscriminator(const Config& before, const Config& after) {
  // Packing changes the width of D's input layer.
  return before.data.kind != DataKind::Dirac && before.pack != after.pack;
}

}  // namespace ganscope
