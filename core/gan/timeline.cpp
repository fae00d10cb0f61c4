#include "core/gan/timeline.h"

namespace ganscope {

std::string captionAt(const std::vector<TimelineEvent>& timeline, long long step) {
  std::string caption;
  for (const TimelineEvent& event : timeline) {
    if (event.at > step) break;  // events are in order of `at` (validate() says so)
    if (event.caption) caption = *event.caption;
  }
  return caption;
}

std::string settingsAt(const std::vector<TimelineEvent>& timeline, long long step) {
  std::string text;
  for (const TimelineEvent& event : timeline) {
    if (event.at != step) continue;
    for (const TimelineSetting& setting : event.set) {
      if (!text.empty()) text += "; ";
      text += setting.key + "=" + setting.value;
    }
  }
  return text;
}

std::string eventName(std::size_t index, const TimelineEvent& event) {
  return "timeline[" + std::to_string(index) + "] (at " + std::to_string(event.at) + ")";
}

}  // namespace ganscope
