#include "app/window/imgui_id_audit.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdio>
#include <mutex>
#include <ostream>
#include <unordered_set>

// ImGui::ItemAdd(const ImRect&, ImGuiID, const ImRect*, ImGuiItemFlags), by its mangled name: the linker sends the
// calls of ImGui's widgets (imgui_widgets.o, imgui_tables.o) to __wrap_… and __real_… is the original.
extern "C" bool __real__ZN5ImGui7ItemAddERK6ImRectjPS1_i(const ImRect& bb, ImGuiID id, const ImRect* navBb,
                                                         ImGuiItemFlags extraFlags);
extern "C" bool __wrap__ZN5ImGui7ItemAddERK6ImRectjPS1_i(const ImRect& bb, ImGuiID id, const ImRect* navBb,
                                                         ImGuiItemFlags extraFlags);

namespace ganscope {
namespace {

// What the audit keeps. ImGui runs on one thread; the mutex only guards take() against a test on another.
struct Audit {
  std::mutex mutex;
  const ImGuiContext* context = nullptr;  // the context the sets below belong to
  int frame = -1;
  std::unordered_set<ImGuiID> seenThisFrame;
  std::unordered_set<ImGuiID> reported;  // each conflicting ID once per context
  std::vector<ImGuiIdConflict> conflicts;
};

Audit& audit() {
  static Audit instance;
  return instance;
}

void note(const ImRect& bb, ImGuiID id) {
  ImGuiContext* context = ImGui::GetCurrentContext();
  if (id == 0 || context == nullptr) return;  // 0: an item that takes no input
  Audit& a = audit();
  std::lock_guard lock(a.mutex);
  if (a.context != context) {
    a.context = context;
    a.reported.clear();
    a.frame = -1;
  }
  if (a.frame != context->FrameCount) {
    a.frame = context->FrameCount;
    a.seenThisFrame.clear();
  }
  if (a.seenThisFrame.insert(id).second || !a.reported.insert(id).second) return;
  const ImGuiWindow* window = context->CurrentWindow;
  a.conflicts.push_back({id, context->FrameCount, window != nullptr ? window->Name : "", bb.Min.x, bb.Min.y});
}

}  // namespace

std::vector<ImGuiIdConflict> takeImGuiIdConflicts() {
  Audit& a = audit();
  std::lock_guard lock(a.mutex);
  std::vector<ImGuiIdConflict> out;
  out.swap(a.conflicts);
  return out;
}

int reportImGuiIdConflicts(const std::vector<ImGuiIdConflict>& conflicts, std::ostream& err) {
  for (const ImGuiIdConflict& c : conflicts) {
    char line[512];
    std::snprintf(line, sizeof line,
                  "ganscope: ImGui ID conflict: two items share ID 0x%08x in window '%s' (frame %d, the second at "
                  "%.0f, %.0f); clicking it would abort in ImGui\n",
                  static_cast<unsigned>(c.id), c.window.c_str(), c.frame, c.x, c.y);
    err << line;
  }
  return static_cast<int>(conflicts.size());
}

}  // namespace ganscope

extern "C" bool __wrap__ZN5ImGui7ItemAddERK6ImRectjPS1_i(const ImRect& bb, ImGuiID id, const ImRect* navBb,
                                                         ImGuiItemFlags extraFlags) {
  ganscope::note(bb, id);
  return __real__ZN5ImGui7ItemAddERK6ImRectjPS1_i(bb, id, navBb, extraFlags);
}
