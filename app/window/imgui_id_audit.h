#pragma once
// Finds two ImGui items that share an ID in one frame, which ImGui 1.86 has no check for of its own (the docking
// branch's "ID conflict" tool came later) and which aborts the program in ButtonBehavior when such an item is
// clicked. Every executable linking ganscope_app has ImGui's ItemAdd wrapped (the linker's --wrap, see
// CMakeLists.txt): each item's ID is noted as ImGui adds it.
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace ganscope {

/// One ID that two items used in the same frame.
struct ImGuiIdConflict {
  std::uint32_t id = 0;   ///< the ImGui ID
  int frame = 0;          ///< ImGui's frame count when it happened
  std::string window;     ///< the ImGui window the second item was added to
  float x = 0, y = 0;     ///< the second item's top-left corner, in screen pixels
};

/// The conflicts seen since the last call (each ID at most once per ImGui context), oldest first.
std::vector<ImGuiIdConflict> takeImGuiIdConflicts();

/// Writes each conflict as one line: "ganscope: ImGui ID conflict: two items share ID 0x… in window '…' (frame N,
/// the second at x, y)". Returns how many it wrote.
int reportImGuiIdConflicts(const std::vector<ImGuiIdConflict>& conflicts, std::ostream& err);

}  // namespace ganscope
