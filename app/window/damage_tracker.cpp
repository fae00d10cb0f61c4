#include "app/window/damage_tracker.h"

#include <algorithm>
#include <cstring>

namespace ganscope {
namespace {

bool sameCommand(const ImDrawCmd& a, const ImDrawCmd& b) {
  return a.ClipRect.x == b.ClipRect.x && a.ClipRect.y == b.ClipRect.y && a.ClipRect.z == b.ClipRect.z &&
         a.ClipRect.w == b.ClipRect.w && a.TextureId == b.TextureId && a.VtxOffset == b.VtxOffset &&
         a.IdxOffset == b.IdxOffset && a.ElemCount == b.ElemCount && a.UserCallback == b.UserCallback &&
         a.UserCallbackData == b.UserCallbackData;
}

template <class T>
bool sameBytes(const ImVector<T>& now, const std::vector<T>& before) {
  return static_cast<std::size_t>(now.Size) == before.size() &&
         (before.empty() || std::memcmp(now.Data, before.data(), before.size() * sizeof(T)) == 0);
}

template <class T>
void copyInto(const ImVector<T>& from, std::vector<T>& to) {
  to.assign(from.Data, from.Data + from.Size);
}

}  // namespace

void DamageRect::add(const DamageRect& other) {
  if (other.empty()) return;
  if (empty()) {
    *this = other;
    return;
  }
  x0 = std::min(x0, other.x0);
  y0 = std::min(y0, other.y0);
  x1 = std::max(x1, other.x1);
  y1 = std::max(y1, other.y1);
}

DamageRect DamageRect::clippedTo(const DamageRect& other) const {
  DamageRect r{std::max(x0, other.x0), std::max(y0, other.y0), std::min(x1, other.x1),
               std::min(y1, other.y1)};
  return r.empty() ? DamageRect{} : r;
}

void addDamage(std::vector<DamageRect>& rects, DamageRect rect) {
  if (rect.empty()) return;
  // Merge with a rectangle when the union costs no more pixels than the two apart (e.g. one inside the other,
  // or two halves of a strip); the union may then merge with others, so repeat. Rectangles that merely touch
  // or overlap by a border stay apart: each is drawn whole, so an overlap is drawn twice, which is correct.
  const auto area = [](const DamageRect& r) {
    return r.empty() ? 0.0 : double(r.x1 - r.x0) * double(r.y1 - r.y0);
  };
  for (bool merged = true; merged;) {
    merged = false;
    for (std::size_t i = 0; i < rects.size(); ++i) {
      DamageRect joined = rect;
      joined.add(rects[i]);
      if (area(joined) <= area(rect) + area(rects[i])) {
        rect = joined;
        rects.erase(rects.begin() + static_cast<std::ptrdiff_t>(i));
        merged = true;
        break;
      }
    }
  }
  rects.push_back(rect);
}

std::vector<DamageRect> DamageTracker::update(const ImDrawData& data) {
  const DamageRect display{data.DisplayPos.x, data.DisplayPos.y, data.DisplayPos.x + data.DisplaySize.x,
                           data.DisplayPos.y + data.DisplaySize.y};
  const bool sameLayout = static_cast<int>(lists_.size()) == data.CmdListsCount &&
                          data.DisplayPos.x == displayPos_.x && data.DisplayPos.y == displayPos_.y &&
                          data.DisplaySize.x == displaySize_.x && data.DisplaySize.y == displaySize_.y;
  std::vector<DamageRect> damage;
  if (!sameLayout) addDamage(damage, display);
  lists_.resize(static_cast<std::size_t>(data.CmdListsCount));
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList& list = *data.CmdLists[n];
    ListCopy& copy = lists_[static_cast<std::size_t>(n)];
    bool same = sameLayout && sameBytes(list.VtxBuffer, copy.vertices) &&
                sameBytes(list.IdxBuffer, copy.indices) &&
                static_cast<std::size_t>(list.CmdBuffer.Size) == copy.commands.size();
    for (int c = 0; same && c < list.CmdBuffer.Size; ++c)
      same = sameCommand(list.CmdBuffer[c], copy.commands[static_cast<std::size_t>(c)]);
    if (same) continue;
    // Everything a list draws lies inside its vertices' bounding box (its clip rectangles are coarser: a
    // window's background is clipped by the whole display).
    DamageRect bounds;
    if (list.VtxBuffer.Size > 0) {
      bounds = {list.VtxBuffer[0].pos.x, list.VtxBuffer[0].pos.y, list.VtxBuffer[0].pos.x,
                list.VtxBuffer[0].pos.y};
      for (const ImDrawVert& v : list.VtxBuffer) {
        bounds.x0 = std::min(bounds.x0, v.pos.x);
        bounds.y0 = std::min(bounds.y0, v.pos.y);
        bounds.x1 = std::max(bounds.x1, v.pos.x);
        bounds.y1 = std::max(bounds.y1, v.pos.y);
      }
      bounds = bounds.clippedTo(display);
    }
    addDamage(damage, copy.bounds);
    addDamage(damage, bounds);
    copy.bounds = bounds;
    copyInto(list.VtxBuffer, copy.vertices);
    copyInto(list.IdxBuffer, copy.indices);
    copyInto(list.CmdBuffer, copy.commands);
  }
  displayPos_ = data.DisplayPos;
  displaySize_ = data.DisplaySize;
  for (DamageRect& rect : damage) rect = rect.clippedTo(display);
  return damage;
}

}  // namespace ganscope
