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
    // The plan panel and its indicators.
    {"menu.plan", "運営方針", "Plan"},
    {"tab.districts", "地域", "Districts"},
    {"map.attribution", "出典: 国土数値情報（国土交通省）, 国土地理院, 3D都市モデル PLATEAU, Geolonia 住所データ",
     "Sources: MLIT N03, GSI, Project PLATEAU, Geolonia address data"},
    // Printouts.
    {"print.map_title", "{}地域 地域安全マップ", "{} — Community safety map"},
    {"print.table_title", "{}地域 街頭犯罪 一覧表", "{} — Street crime table"},
    {"print.period", "対象期間: {}年{}月 – {}年{}月", "Period: {}-{:02} to {}-{:02}"},
    {"print.printed", "印刷日: {}", "Printed: {}"},
    {"print.page", "{} / {}", "{} / {}"},
    {"print.counts", "手口別の件数", "Counts by type"},
    {"print.type", "手口", "Type"},
    {"print.this_period", "今期", "This period"},
    {"print.prev_period", "前期（{}年{}月 – {}年{}月）", "Previous ({}-{:02} to {}-{:02})"},
    {"print.change", "増減", "Change"},
    {"print.total", "合計", "Total"},
    {"print.prev_none", "前期（データなし）", "Previous (no data)"},
    {"print.incidents", "発生一覧（発生日順）", "Incidents (by date)"},
    {"print.date", "発生日", "Date"},
    {"print.hour", "時", "Hour"},
    {"print.town", "町丁目", "Town block"},
    {"print.place", "発生場所", "Place"},
    {"print.none", "この期間の記録はありません", "No records in this period"},
    {"print.legend", "凡例", "Legend"},
    {"print.district_boundary", "地域の境界", "District boundary"},
    {"print.centre_missing", "地域安全センター: 位置未登録（計画では12か所）",
     "Community safety centre: not yet placed (the plan names 12)"},
    {"print.continued", "（続き）", "(continued)"},
    {"menu.print", "地域安全マップを印刷…", "Print district map…"},
    {"printdlg.title", "地域安全マップの印刷（PDF）", "Print the district safety map (PDF)"},
    {"printdlg.district", "地域", "District"},
    {"printdlg.all", "全地域（1つのPDFに）", "All districts (one PDF)"},
    {"printdlg.paper", "用紙", "Paper"},
    {"printdlg.landscape", "横向き", "Landscape"},
    {"printdlg.from", "期間（開始 YYYY-MM）", "From (YYYY-MM)"},
    {"printdlg.to", "期間（終了 YYYY-MM）", "To (YYYY-MM)"},
    {"printdlg.lang", "言語", "Language"},
    {"printdlg.out", "保存先", "Save as"},
    {"printdlg.print", "PDFを保存", "Save PDF"},
    {"printdlg.close", "閉じる", "Close"},
    {"printdlg.preview", "プレビュー（1ページ目）", "Preview (page 1)"},
    {"printdlg.pages", "全{}ページ", "{} pages"},
    {"printdlg.rendering", "描画中…", "Rendering…"},
    {"printdlg.written", "保存しました: {}（{}ページ）", "Saved {} ({} pages)"},
    {"printdlg.bad_month", "月は YYYY-MM の形で入力してください", "Enter months as YYYY-MM"},
    {"plan.colour_by", "地域の色分け", "Colour districts by"},
    {"plan.warning", "計画とデータが一致しません", "The plan and the data disagree"},
    {"panel.plan", "運営方針（令和3年度）", "Operating policy (FY2021)"},
    {"plan.none", "運営方針を選ぶと、関連するレイヤーと指標を表示します",
     "Choose a plan item to see its layers and indicators"},
    {"plan.clear", "選択を解除（全レイヤー表示）", "Clear (show all layers)"},
    {"plan.target", "めざす状態", "Target state"},
    {"plan.fy3", "3年度に取り組む主な内容", "FY3 (2021) content"},
    {"plan.fy2", "2年度の主な実績", "FY2 (2020) results"},
    {"plan.budget", "予算額", "Budget"},
    {"plan.indicators", "指標（データから計算）", "Indicators (computed from the data)"},
    {"plan.layers", "関連レイヤー", "Linked layers"},
    {"plan.no_data", "データ未読込", "No data loaded"},
    {"plan.serves", "関連する戦略", "Serves strategies"},
    {"plan.activities", "地域ごとの実施状況（2年度）", "Per district (FY2)"},
    {"plan.drill", "避難所開設訓練", "Shelter-opening drill"},
    {"plan.study", "地域防災学習会", "Disaster study session"},
    {"plan.missing", "運営方針のデータ（geodata/plan/plan.json）がありません",
     "The plan data (geodata/plan/plan.json) is missing"},
    {"activity.not_recorded", "未記録", "not yet recorded"},
    {"activity.done", "実施済", "done"},
    {"activity.planned", "予定", "planned"},
    {"activity.not_done", "未実施", "not done"},
    {"ind.plan_says", "計画:", "Plan:"},
    {"ind.disagree", "計画は{}、データは{}。", "The plan says {}, the data has {}."},
    {"ind.not_recorded", "未記録", "not yet recorded"},
    {"ind.not_recorded_note", "計画は合計のみを示し、どの地域かは示していません。地域ごとの状況を入力してください。",
     "The plan gives only the total, not which districts: record each district's status."},
    {"ind.districts_of", "{}地域（記録 {} / {}地域）", "{} districts ({} of {} recorded)"},
    {"ind.through_month", "（1–{}月）", " (Jan–month {})"},
    {"ind.trend_unknown", "日付のある記録が2年分ないため判断できません",
     "Not enough dated records (two consecutive years needed)"},
    {"trend.decreasing", "減少", "decreasing"},
    {"trend.flat", "横ばい", "flat"},
    {"trend.increasing", "増加", "increasing"},
    {"trend.unknown", "不明", "unknown"},
    {"ind.gsi_note", "データは国土地理院の津波指定緊急避難場所（区の108か所の一覧は未公開）",
     "Data: GSI tsunami-designated sites (the ward's own list of 108 is not published)"},
    {"ind.capacity_unknown", "不明：公開データに収容人数がありません", "Unknown: the open data carries no capacity"},
    {"ind.capacity_value", "{}人（{} / {}棟の収容人数が判明）", "{} people ({} of {} buildings with a capacity)"},
    {"ind.plan_target_decreasing", "計画: めざす状態「区内の街頭犯罪や子どもが被害者となる事案の件数が減っている」",
     "Plan: target state \"street crime and cases with child victims are decreasing\""},
    {"ind.children", "子どもが被害者: {}件（年齢のある{}件中）", "Child victims: {} (of {} records with an age)"},
    {"ind.no_data", "データ未読込", "No data loaded"},
    {"ind.tsunami_buildings.count", "津波避難ビルの数", "Tsunami evacuation buildings"},
    {"ind.tsunami_buildings.capacity", "収容人数の合計", "Total capacity"},
    {"ind.tsunami_buildings.per_district", "地域ごとの津波避難ビル", "Buildings per district"},
    {"ind.districts.count", "地域活動協議会の数", "Community districts"},
    {"ind.drills.done", "避難所開設訓練の実施地域", "Districts with a shelter-opening drill"},
    {"ind.study_sessions.done", "地域防災学習会の実施地域", "Districts with a disaster study session"},
    {"ind.welfare_shelters.count", "福祉避難所（要配慮者）", "Welfare shelters"},
    {"ind.shelters.count", "指定避難所", "Designated shelters"},
    {"ind.safety_centres.count", "地域安全センター", "Community safety centres"},
    {"ind.crimes.count", "街頭犯罪の件数", "Street crimes"},
    {"ind.crimes.by_type", "手口別の件数", "Crimes by type"},
    {"ind.crimes.per_district", "地域ごとの件数", "Crimes per district"},
    {"ind.crimes.trend", "件数の推移", "Trend"},
    {"stats.title", "港区の指標", "Minato Ward indicators"},
    {"stats.district", "地域", "District"},
    {"stats.buildings", "津波避難ビル", "Tsunami bldgs"},
    {"stats.capacity", "収容人数", "Capacity"},
    {"stats.crimes", "街頭犯罪", "Crimes"},
    {"stats.centres", "安全センター", "Centres"},
    {"stats.shelters", "避難所", "Shelters"},
    {"stats.unknown", "不明", "unknown"},
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
