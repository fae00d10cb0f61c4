#include "core/gan/metrics_row.h"

#include <cmath>
#include <cstdio>

namespace ganscope {
namespace {

void appendCell(std::string& line, double value) {
  line += ',';
  if (std::isnan(value)) return;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.9g", value);
  line += buffer;
}

}  // namespace

std::string metricsCsvHeader(bool withDirac, bool withClasses) {
  std::string header =
      "step,loss_d,loss_g,d_real,d_fake,grad_norm_d,grad_norm_g,modes,hq,mode_kl,js,w1,penalty,"
      "modes_total,modes_held,in_basin,off_data";
  if (withDirac) header += ",theta,psi";
  if (withClasses) header += ",class_accuracy";
  return header;
}

std::string metricsCsvLine(const MetricsRow& row, bool withDirac, bool withClasses) {
  std::string line = std::to_string(row.step);
  for (double v : {row.lossD, row.lossG, row.dReal, row.dFake, row.gradNormD, row.gradNormG, row.modes,
                   row.highQuality, row.modeKl, row.js, row.w1, row.penalty, row.modesTotal, row.modesHeld,
                   row.basinFraction, row.offData}) {
    appendCell(line, v);
  }
  if (withDirac) {
    appendCell(line, row.theta);
    appendCell(line, row.psi);
  }
  if (withClasses) appendCell(line, row.classAccuracy);
  return line;
}

std::string metricsCsv(const std::vector<MetricsRow>& rows, bool withDirac, bool withClasses) {
  std::string csv = metricsCsvHeader(withDirac, withClasses) + "\n";
  for (const auto& row : rows) csv += metricsCsvLine(row, withDirac, withClasses) + "\n";
  return csv;
}

std::string metricsCsv(const std::vector<MetricsRow>& rows, bool withDirac,
                       const std::vector<TimelineEvent>& timeline, bool withClasses,
                       const std::vector<std::string>& conditions) {
  const bool withConditions = !conditions.empty();
  if (timeline.empty() && !withConditions) return metricsCsv(rows, withDirac, withClasses);
  std::string csv = metricsCsvHeader(withDirac, withClasses) + (withConditions ? ",condition" : "") +
                    (timeline.empty() ? "\n" : ",event\n");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    csv += metricsCsvLine(rows[i], withDirac, withClasses);
    if (withConditions) csv += "," + (i < conditions.size() ? conditions[i] : std::string());
    if (!timeline.empty()) {
      csv += ",";
      const std::string settings = settingsAt(timeline, rows[i].step);
      if (!settings.empty()) {
        // RFC 4180: a cell with commas or quotes is quoted, its quotes doubled.
        csv += '"';
        for (char c : settings) csv += c == '"' ? std::string("\"\"") : std::string(1, c);
        csv += '"';
      }
    }
    csv += "\n";
  }
  return csv;
}

}  // namespace ganscope
