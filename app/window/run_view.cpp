#include "app/window/run_view.h"

namespace ganscope {

RunView::RunView(RunGroup& group, int runIndex, bool software, FieldChoice field)
    : index(runIndex), target(group, runIndex), banner(target) {
  if (software) plane.setSceneInterval(kSoftwareSceneInterval);
  plane.setSoftwareRenderer(software);
  plane.setFieldChoice(field);
}

}  // namespace ganscope
