// libFuzzer target for session files, parsed from memory with parseSession(). Checks that it either throws
// SessionError or returns a session that writes back and reads back equal: the bytes sessionBytes() writes
// for the session read back (parseSession) to a session that writes the very same bytes (every field is
// stored by its bits, so equal bytes are an equal session, NaN payloads included), with equal configs. Any
// other exception escapes and is reported as a crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/runtime/session.h"

namespace {

// Traps unless the two sessions hold the same configs, steps, history lengths and view state (the fields
// whose equality sessionBytes alone might hide: a config whose JSON text differs but means the same).
void checkSameShape(const ganscope::Session& a, const ganscope::Session& b) {
  if (!(a.state.config == b.state.config) || a.state.step != b.state.step) __builtin_trap();
  if (a.state.history.size() != b.state.history.size() || a.viewState != b.viewState) __builtin_trap();
  if (a.checkpoints.size() != b.checkpoints.size()) __builtin_trap();
  for (std::size_t i = 0; i < a.checkpoints.size(); ++i) {
    if (!(a.checkpoints[i].config == b.checkpoints[i].config)) __builtin_trap();
    if (!a.checkpoints[i].history.empty() || !b.checkpoints[i].history.empty()) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ganscope::Session session;
  try {
    session = ganscope::parseSession(bytes, "fuzz.session");
  } catch (const ganscope::SessionError&) {
    return 0;
  }
  const std::string written = ganscope::sessionBytes(session);
  ganscope::Session again;
  try {
    again = ganscope::parseSession(written, "round trip");
  } catch (const ganscope::SessionError&) {
    __builtin_trap();  // what was read must read again
  }
  if (ganscope::sessionBytes(again) != written) __builtin_trap();
  checkSameShape(session, again);
  return 0;
}
