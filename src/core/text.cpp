#include "core/text.hpp"

#include <array>

namespace safetymap {

namespace {
struct Entry {
  std::string_view key;
  const char* ja;
  const char* en;
};

constexpr Entry kCatalogue[] = {
    {"app.title", "港区 安全マップ", "Minato Ward Safety Map"},
    {"menu.file", "ファイル", "File"},
    {"menu.open", "開く…", "Open…"},
    {"menu.recent", "最近使ったファイル", "Recent files"},
    {"menu.recent.none", "（なし）", "(none)"},
    {"menu.quit", "終了", "Quit"},
    {"menu.view", "表示", "View"},
    {"menu.fit", "区全体を表示", "Fit the ward"},
    {"menu.zoom_in", "拡大", "Zoom in"},
    {"menu.zoom_out", "縮小", "Zoom out"},
    {"menu.panels", "パネル", "Panels"},
    {"menu.language", "言語", "Language"},
    {"lang.toggle", "English", "日本語"},
    {"panel.layers", "レイヤー", "Layers"},
    {"panel.legend", "凡例", "Legend"},
    {"panel.inspector", "属性", "Inspector"},
    {"panel.districts", "地域（地域活動協議会）", "Districts (community councils)"},
    {"panel.errors", "エラーと警告", "Errors and warnings"},
    {"district.all", "全地域", "All districts"},
    {"district.filter_note", "他のレイヤーはこの地域内の地物だけを表示",
     "Other layers show only features in this district"},
    {"layer.opacity", "不透明度", "Opacity"},
    {"layer.fill", "塗り", "Fill"},
    {"layer.stroke", "線", "Outline"},
    {"layer.size", "記号の大きさ", "Symbol size"},
    {"layer.width", "線の太さ", "Line width"},
    {"layer.up", "上へ", "Up"},
    {"layer.down", "下へ", "Down"},
    {"layer.remove", "削除", "Remove"},
    {"layer.labels", "ラベル", "Labels"},
    {"layer.features", "件", "features"},
    {"layer.categories", "種類ごとの色", "Colours by type"},
    {"badge.approximate", "概略", "approx."},
    {"badge.synthetic", "合成", "synthetic"},
    {"badge.empty", "未読込", "empty"},
    {"legend.approximate", "※ 概略データ：公式の境界・位置ではありません",
     "※ Approximate: not official boundaries or positions"},
    {"legend.synthetic", "※ 合成サンプル：実際の犯罪記録ではありません", "※ Synthetic sample: not real crime records"},
    {"legend.sources", "出典", "Sources"},
    {"inspector.none", "地図上の地物をクリックすると属性を表示します",
     "Click a feature on the map to see its attributes"},
    {"inspector.layer", "レイヤー", "Layer"},
    {"inspector.district", "地域", "District"},
    {"inspector.outside", "（区域外）", "(outside)"},
    {"inspector.field", "項目", "Field"},
    {"inspector.value", "値", "Value"},
    {"status.loading", "読み込み中…", "Loading…"},
    {"status.ready", "準備完了", "Ready"},
    {"status.latlon", "緯度・経度", "Lat/Lon"},
    {"status.plane", "平面直角座標 第VI系", "Plane CS VI"},
    {"status.scale", "縮尺", "Scale"},
    {"north", "北", "N"},
    {"note.centres_empty", "計画では12か所；まだ読み込まれていません", "The plan names 12; none loaded yet"},
    {"errors.none", "エラーはありません", "No errors"},
    {"errors.clear", "消去", "Clear"},
    {"dialog.open", "ファイルを開く", "Open file"},
    {"dialog.open_button", "開く", "Open"},
    {"dialog.cancel", "キャンセル", "Cancel"},
    {"dialog.up", "上のフォルダ", "Up"},
    {"dialog.path", "パス", "Path"},
    {"dialog.hint", "GDALが読めるファイル（GeoJSON, GeoPackage, Shapefile, CSV, KML …）",
     "Any file GDAL reads (GeoJSON, GeoPackage, Shapefile, CSV, KML …)"},
    {"drop.hint", "ファイルをウィンドウにドロップしても追加できます", "You can also drop files onto the window"},
};
}  // namespace

std::optional<Lang> parseLang(std::string_view s) {
  if (s == "ja" || s == "jp" || s == "japanese") return Lang::Ja;
  if (s == "en" || s == "english") return Lang::En;
  return std::nullopt;
}

const char* langCode(Lang l) {
  return l == Lang::Ja ? "ja" : "en";
}

const char* tr(Lang lang, std::string_view key) {
  for (const auto& e : kCatalogue)
    if (e.key == key) return lang == Lang::Ja ? e.ja : e.en;
  return key.data();
}

int catalogueSize() {
  return static_cast<int>(std::size(kCatalogue));
}
std::string_view catalogueKey(int i) {
  return kCatalogue[i].key;
}

}  // namespace safetymap
