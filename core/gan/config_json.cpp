#include "core/gan/config_json.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <sstream>

#include "core/data/distribution.h"
#include "core/gan/config_names.h"
#include "core/gan/config_ranges.h"
#include "core/util/input_file.h"

namespace ganscope {
namespace {

using nlohmann::json;

// [SECTION] The field list: the single place that says which key holds which member.

template <typename Visitor>
void visitOptimizer(const std::string& prefix, OptimizerConfig& o, Visitor& v) {
  v(prefix + ".kind", o.kind);
  v(prefix + ".lr", o.lr);
  v(prefix + ".beta1", o.beta1);
  v(prefix + ".beta2", o.beta2);
  v(prefix + ".momentum", o.momentum);
  v(prefix + ".rho", o.rho);
  v(prefix + ".eps", o.eps);
}

template <typename Visitor>
void visitData(DataConfig& d, Visitor& v) {
  v("data.kind", d.kind);
  v("data.modes", d.modes);
  v("data.radius", d.radius);
  v("data.spacing", d.spacing);
  v("data.mean", d.mean);
  v("data.std", d.std);
  v("data.means", d.means);
  v("data.stds", d.stds);
  v("data.weights", d.weights);
  v("data.low", d.low);
  v("data.high", d.high);
  v("data.file", d.file);
  v("data.points", d.points);
  v("data.points_dim", d.pointsDim);
  v("data.point_classes", d.pointClasses);
}

template <typename Visitor>
void visitFields(Config& c, Visitor& v) {
  v("name", c.name);
  v("description", c.description);
  v("demo_steps", c.demoSteps);
  visitData(c.data, v);
  v("dirac.theta", c.dirac.theta);
  v("dirac.psi", c.dirac.psi);
  v("latent.dim", c.latent.dim);
  v("latent.dist", c.latent.dist);
  v("generator.hidden", c.generator.hidden);
  v("generator.activation", c.generator.activation);
  v("discriminator.hidden", c.discriminator.hidden);
  v("discriminator.activation", c.discriminator.activation);
  v("loss", c.loss);
  v("penalty.gp", c.penalty.gp);
  v("penalty.r1", c.penalty.r1);
  v("penalty.r2", c.penalty.r2);
  v("penalty.clip", c.penalty.clip);
  visitOptimizer("optimizer.g", c.optimizer.g, v);
  visitOptimizer("optimizer.d", c.optimizer.d, v);
  v("batch", c.batch);
  v("d_steps", c.dSteps);
  v("g_steps", c.gSteps);
  v("update", c.update);
  v("unroll", c.unroll);
  v("pack", c.pack);
  v("instance_noise", c.instanceNoise);
  v("instance_noise_anneal", c.instanceNoiseAnneal);
  v("spectral_norm", c.spectralNorm);
  v("conditional", c.conditional);
  v("trainer", c.trainer);
  v("seed", c.seed);
  v("metrics_every", c.metricsEvery);
  v("metrics_samples", c.metricsSamples);
}

json::json_pointer pointerOf(const std::string& dotted) {
  std::string p = "/" + dotted;
  for (auto& ch : p) {
    if (ch == '.') ch = '/';
  }
  return json::json_pointer(p);
}

// The key of the scripted demo's events (not a visited field: a list of objects, read and written below).
constexpr const char* kTimelineKey = "timeline";

// [SECTION] Writing

struct Writer {
  json& out;
  template <typename T>
  void operator()(const std::string& key, const T& value) {
    if constexpr (std::is_enum_v<T>) {
      out[pointerOf(key)] = std::string(enumName(value));
    } else {
      out[pointerOf(key)] = value;
    }
  }
};

// [SECTION] Reading, with a message naming the key for every mismatch

std::string describe(const json& value) {
  // Replace: a bare word that is not JSON may hold bytes that are not UTF-8, which a strict dump throws on.
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > 60) {
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
    text = text.substr(0, cut) + "...";
  }
  return text;
}

[[noreturn]] void typeError(const std::string& key, const char* expected, const json& value) {
  throw ConfigError(key + ": expected " + expected + ", got " + describe(value));
}

// For a number where an integer belongs: what is allowed, from the range table where the key has a range (a list
// entry "generator.hidden[2]" has its list's).
[[noreturn]] void integerError(const std::string& key, const char* expected, const json& v) {
  const auto range = findRange(std::string_view(key).substr(0, key.find('[')));
  if (range && v.is_number()) throw ConfigError(rangeProblem(*range, key, v.get<double>()));
  typeError(key, expected, v);
}

void read(const std::string& key, const json& v, int& out) {
  if (!v.is_number_integer()) integerError(key, "an integer", v);
  // Unsigned values are compared before any cast: 2^64 − 1 must not wrap round to −1.
  // No std::abs: it overflows for −2^63, which then passed as 0.
  const bool fits = v.is_number_unsigned() ? v.get<std::uint64_t>() <= 2147483647ULL
                                           : v.get<long long>() >= -2147483648LL && v.get<long long>() <= 2147483647LL;
  if (!fits) integerError(key, "an integer of at most 10 digits", v);
  out = static_cast<int>(v.get<long long>());
}
void read(const std::string& key, const json& v, std::uint64_t& out) {
  if (!v.is_number_unsigned()) integerError(key, "a non-negative integer", v);
  out = v.get<std::uint64_t>();
}
void read(const std::string& key, const json& v, double& out) {
  if (!v.is_number()) typeError(key, "a number", v);
  out = v.get<double>();
}
void read(const std::string& key, const json& v, bool& out) {
  if (!v.is_boolean()) typeError(key, "true or false", v);
  out = v.get<bool>();
}
void read(const std::string& key, const json& v, std::string& out) {
  if (!v.is_string()) typeError(key, "a string", v);
  out = v.get<std::string>();
}
template <typename T>
void read(const std::string& key, const json& v, std::vector<T>& out) {
  if (!v.is_array()) typeError(key, std::is_same_v<T, int> ? "a list of integers" : "a list of numbers", v);
  std::vector<T> items(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) read(key + "[" + std::to_string(i) + "]", v[i], items[i]);
  out = std::move(items);
}
template <typename Enum>
  requires std::is_enum_v<Enum>
void read(const std::string& key, const json& v, Enum& out) {
  if (!v.is_string()) typeError(key, ("one of " + enumNameList<Enum>()).c_str(), v);
  const auto parsed = enumFromName<Enum>(v.get<std::string>());
  if (!parsed) throw ConfigError(key + ": unknown value " + describe(v) + "; allowed: " + enumNameList<Enum>());
  out = *parsed;
}

// The timeline as JSON: [{"at": 3000, "set": {"pack": 4}, "caption": "..."}, ...]; `set` keys are dotted.
json timelineToJson(const std::vector<TimelineEvent>& timeline) {
  json events = json::array();
  for (const TimelineEvent& event : timeline) {
    json item = json::object();
    item["at"] = event.at;
    json set = json::object();
    for (const TimelineSetting& setting : event.set) {
      // Stored as JSON text that was parsed when read; anything else is kept as the string it is.
      json value = json::parse(setting.value, nullptr, /*allow_exceptions=*/false);
      set[setting.key] = value.is_discarded() ? json(setting.value) : value;
    }
    if (!event.set.empty()) item["set"] = set;
    if (event.caption) item["caption"] = *event.caption;
    events.push_back(std::move(item));
  }
  return events;
}

// Reads `timeline`: the shape of each event here; what its settings mean is checked by validate().
std::vector<TimelineEvent> timelineFromJson(const json& in) {
  if (!in.is_array()) typeError(kTimelineKey, "a list of events {\"at\": ITERATION, \"set\": {KEY: VALUE}, \"caption\": TEXT}", in);
  if (in.size() > kMaxTimelineEvents) {
    throw ConfigError(std::string(kTimelineKey) + ": at most " + std::to_string(kMaxTimelineEvents) +
                      " events (got " + std::to_string(in.size()) + ")");
  }
  std::vector<TimelineEvent> timeline;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const json& item = in[i];
    const std::string name = std::string(kTimelineKey) + "[" + std::to_string(i) + "]";
    if (!item.is_object()) typeError(name, "an event {\"at\": ITERATION, \"set\": {KEY: VALUE}, \"caption\": TEXT}", item);
    for (const auto& [key, value] : item.items()) {
      if (key != "at" && key != "set" && key != "caption") {
        throw ConfigError(name + ": unknown key '" + key + "'; allowed keys: at, set, caption");
      }
    }
    if (!item.contains("at")) throw ConfigError(name + ": needs \"at\", the iteration at which it happens");
    TimelineEvent event;
    const json& at = item["at"];
    if (!at.is_number_integer() || (at.is_number_unsigned() ? at.get<std::uint64_t>() > std::uint64_t(kMaxEventIteration)
                                                              : (at.get<long long>() < 0 || at.get<long long>() > kMaxEventIteration))) {
      typeError(name + ".at", ("an iteration from 0 to " + std::to_string(kMaxEventIteration)).c_str(), at);
    }
    event.at = at.get<long long>();
    if (item.contains("set")) {
      const json& set = item["set"];
      if (!set.is_object()) typeError(name + ".set", "an object of dotted keys and values, e.g. {\"penalty.r1\": 1}", set);
      if (set.size() > kMaxEventSettings) {
        throw ConfigError(name + ".set: at most " + std::to_string(kMaxEventSettings) + " settings (got " +
                          std::to_string(set.size()) + ")");
      }
      for (const auto& [key, value] : set.items()) {
        event.set.push_back({key, value.dump(-1, ' ', false, json::error_handler_t::replace)});
      }
    }
    if (item.contains("caption")) {
      const json& caption = item["caption"];
      if (!caption.is_string()) typeError(name + ".caption", "a string", caption);
      event.caption = caption.get<std::string>();
    }
    timeline.push_back(std::move(event));
  }
  return timeline;
}

struct Reader {
  const json& in;
  std::set<std::string>& known;
  template <typename T>
  void operator()(const std::string& key, T& value) {
    known.insert(key);
    const auto ptr = pointerOf(key);
    if (in.contains(ptr)) read(key, in.at(ptr), value);
  }
};

struct KeyLister {
  std::vector<std::string>& keys;
  template <typename T>
  void operator()(const std::string& key, const T&) {
    keys.push_back(key);
  }
};

// The keys directly under `prefix` (all top-level keys for an empty prefix), for "unknown key" messages.
std::string keysUnder(const std::string& prefix) {
  std::set<std::string> seen;
  std::string list;
  for (const std::string& key : configKeys()) {
    if (!prefix.empty() && key.rfind(prefix + ".", 0) != 0) continue;
    std::string rest = prefix.empty() ? key : key.substr(prefix.size() + 1);
    rest = rest.substr(0, rest.find('.'));
    if (seen.insert(rest).second) list += (list.empty() ? "" : ", ") + rest;
  }
  return list;
}

// Every leaf of `in` must be a key of the config (an object where the config has an object).
void rejectUnknownKeys(const json& in, const std::string& prefix, const std::set<std::string>& known) {
  if (!in.is_object()) {
    throw ConfigError((prefix.empty() ? std::string("the config") : prefix) + ": expected an object, got " +
                      describe(in));
  }
  for (const auto& [name, value] : in.items()) {
    if (prefix.empty() && name == kTimelineKey) continue;  // a list of events, read by timelineFromJson
    const std::string key = prefix.empty() ? name : prefix + "." + name;
    if (name.find('.') != std::string::npos) {
      throw ConfigError("key '" + key + "': a JSON file nests its keys ({\"data\": {\"kind\": ...}}); dotted names "
                        "are for --set");
    }
    if (known.count(key)) continue;
    bool isSection = false;
    for (const auto& k : known) {
      if (k.rfind(key + ".", 0) == 0) {
        isSection = true;
        break;
      }
    }
    if (!isSection) {
      throw ConfigError("unknown key '" + key + "'; allowed " +
                        (prefix.empty() ? std::string("keys") : "keys under '" + prefix + "'") + ": " +
                        keysUnder(prefix));
    }
    rejectUnknownKeys(value, key, known);
  }
}

// The deepest nesting a config's JSON may have: the config itself is 3 deep, a timeline a few more.
constexpr int kMaxJsonDepth = 32;
// The longest `--set` assignment: a value is a number, a word, a short list or a path.
constexpr std::size_t kMaxAssignmentLength = 64 * 1024;

// Parses JSON text with comments, refusing nesting deeper than kMaxJsonDepth (the callback runs as each value
// opens, so a deep document stops early, before any recursion over it) and numbers beyond a double's range.
// Throws json::parse_error for malformed text and ConfigError for the rest.
json parseBoundedJson(std::string_view text, bool ignoreComments) {
  const json::parser_callback_t limitDepth = [](int depth, json::parse_event_t, json&) {
    if (depth > kMaxJsonDepth) {
      throw ConfigError("JSON nested more than " + std::to_string(kMaxJsonDepth) + " levels deep; a config "
                        "needs a few");
    }
    return true;
  };
  try {
    return json::parse(text.begin(), text.end(), limitDepth, /*allow_exceptions=*/true, ignoreComments);
  } catch (const json::out_of_range& e) {
    // nlohmann's text: "[json.exception.out_of_range.406] number overflow parsing '1e400'".
    const std::string what = e.what();
    const auto quote = what.find('\'');
    const std::string number = quote == std::string::npos ? std::string("a number") : what.substr(quote);
    throw ConfigError("the number " + number + " is beyond the range of a double (about ±1.8e308)");
  }
}

std::string trimParseMessage(const std::string& what) {
  // nlohmann's text is "[json.exception.parse_error.101] parse error at line L, column C: <reason>".
  const auto colon = what.find(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

}  // namespace

json toJson(const Config& config) {
  json out = json::object();
  Writer writer{out};
  visitFields(const_cast<Config&>(config), writer);  // the writer only reads
  out[kTimelineKey] = timelineToJson(config.timeline);
  return out;
}

std::string configJsonText(const Config& config) {
  return toJson(config).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::vector<std::string> configKeys() {
  std::vector<std::string> keys;
  KeyLister lister{keys};
  Config c;
  visitFields(c, lister);
  return keys;
}

Config configFromJson(const json& in) {
  Config config;
  std::set<std::string> known;
  for (const auto& key : configKeys()) known.insert(key);
  rejectUnknownKeys(in, "", known);
  // Missing data keys come from the chosen kind's literature defaults.
  const auto kindPtr = pointerOf("data.kind");
  if (in.contains(kindPtr)) {
    DataKind kind{};
    read("data.kind", in.at(kindPtr), kind);
    config.data = dataDefaults(kind);
  }
  std::set<std::string> visited;
  Reader reader{in, visited};
  visitFields(config, reader);
  if (in.contains(kTimelineKey)) config.timeline = timelineFromJson(in.at(kTimelineKey));
  return config;
}

Config parseConfigText(std::string_view text, std::string_view source) {
  json parsed;
  try {
    parsed = parseBoundedJson(text, /*ignoreComments=*/true);
  } catch (const ConfigError& e) {
    throw ConfigError(std::string(source) + ": " + e.what());
  } catch (const json::parse_error& e) {
    // Line and column of the byte where parsing stopped (1-based).
    std::size_t line = 1, column = 1;
    const std::size_t end = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
    for (std::size_t i = 0; i < end; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    std::ostringstream message;
    message << source << ":" << line << ":" << column << ": malformed JSON: " << trimParseMessage(e.what());
    throw ConfigError(message.str());
  }
  try {
    return configFromJson(parsed);
  } catch (const ConfigError& e) {
    throw ConfigError(std::string(source) + ": " + e.what());
  }
}

Config loadConfigFile(const std::filesystem::path& path) {
  std::string text;
  try {
    text = readInputFile(path, kMaxConfigFileBytes, "config");
  } catch (const InputFileError& e) {
    throw ConfigError(e.what());
  }
  return parseConfigText(text, path.string());
}

void applySetting(Config& config, std::string_view assignment) {
  const auto eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    throw ConfigError("--set '" + std::string(assignment) + "': expected key=value, e.g. optimizer.d.lr=1e-4");
  }
  if (assignment.size() > kMaxAssignmentLength) {
    throw ConfigError("--set '" + std::string(assignment.substr(0, 40)) + "...': " +
                      std::to_string(assignment.size()) + " characters, more than the " +
                      std::to_string(kMaxAssignmentLength) + " allowed");
  }
  const std::string key(assignment.substr(0, eq));
  const std::string text(assignment.substr(eq + 1));
  json value;
  try {
    value = parseBoundedJson(text, /*ignoreComments=*/false);
  } catch (const json::parse_error&) {
    value = text;  // a bare word is a string
  } catch (const ConfigError& e) {
    throw ConfigError(key + ": " + e.what());
  }
  if (key == kTimelineKey) {  // --set 'timeline=[{"at": 3000, "set": {"pack": 4}}]'
    config.timeline = timelineFromJson(value);
    return;
  }
  json whole = toJson(config);
  const auto keys = configKeys();
  if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
    if (!keysUnder(key).empty()) {
      throw ConfigError("'" + key + "' is a section, not a key; set one of its keys: " + key + ".{" +
                        keysUnder(key) + "}");
    }
    const auto dot = key.rfind('.');
    std::string prefix = dot == std::string::npos ? std::string() : key.substr(0, dot);
    // Name the deepest section that exists, so the list of allowed keys is the useful one.
    while (!prefix.empty() && keysUnder(prefix).empty()) {
      const auto up = prefix.rfind('.');
      prefix = up == std::string::npos ? std::string() : prefix.substr(0, up);
    }
    throw ConfigError("unknown key '" + key + "'; allowed " +
                      (prefix.empty() ? std::string("keys") : "keys under '" + prefix + "'") + ": " +
                      keysUnder(prefix));
  }
  whole[pointerOf(key)] = value;  // a known key: no '~' or '/' for the JSON pointer to misread
  Config updated;
  std::set<std::string> visited;
  Reader reader{whole, visited};
  visitFields(updated, reader);  // every key is present in `whole`: no defaults are mixed in
  updated.timeline = config.timeline;
  config = std::move(updated);
}

}  // namespace ganscope
