// The catalogue of every text the viewer and the printouts show, in Japanese and English, and tr() over it.
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>

#include "core/text.hpp"

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
    {"job.cancel", "中止", "Cancel"},
    {"status.latlon", "緯度・経度", "Lat/Lon"},
    {"status.plane", "平面直角座標 第VI系", "Plane CS VI"},
    {"status.scale", "縮尺", "Scale"},
    {"north", "北", "N"},
    {"note.centres_empty", "計画では12か所；まだ読み込まれていません", "The plan names 12; none loaded yet"},
    {"note.centres_partial", "OpenStreetMap に登録のある老人憩の家のみ。残りは配置するか読み込んでください",
     "Only the 老人憩の家 mapped in OpenStreetMap; place or load the rest"},
    {"ind.centres_of", "12か所のうち{}か所", "{} of 12"},
    {"legend.measure_count", "件数", "Records"},
    {"legend.measure_rate", "住民千人あたり", "Per 1,000 residents"},
    {"crime.no_records", "（記録なし：未読込）", "(no records loaded)"},
    {"errors.none", "エラーはありません", "No errors"},
    {"errors.clear", "消去", "Clear"},
    {"dialog.open", "ファイルを開く", "Open file"},
    {"dialog.open_button", "開く", "Open"},
    {"dialog.cancel", "キャンセル", "Cancel"},
    {"dialog.up", "上のフォルダ", "Up"},
    {"dialog.hint", "GDALが読めるファイル（GeoJSON, GeoPackage, Shapefile, CSV, KML …）",
     "Any file GDAL reads (GeoJSON, GeoPackage, Shapefile, CSV, KML …)"},
    {"drop.hint", "ファイルをウィンドウにドロップしても追加できます", "You can also drop files onto the window"},
    // The policy panel and its indicators.
    {"menu.plan", "運営方針", "Policy"},
    {"tab.districts", "地域", "Districts"},
    {"tab.drill", "避難訓練", "Drill"},
    {"drill.title", "避難訓練の計画（戦略2-1）", "Evacuation drill planner (strategy 2-1)"},
    {"drill.speed", "歩行速度 m/s", "Walking speed m/s"},
    {"drill.support", "要支援者 m/s", "Needing support m/s"},
    {"drill.nearest", "最寄りのビルへ", "Nearest building"},
    {"drill.capacity", "収容人数を考慮", "With capacity"},
    {"drill.scenario", "想定収容人数（不明なビル）", "Assumed capacity (unknown ones)"},
    {"drill.surface", "歩く道", "Walk on"},
    {"drill.surface_grid", "道路面（2 m 格子）", "Road surfaces (2 m grid)"},
    {"drill.surface_network", "道路中心線", "Centre lines"},
    {"drill.compute", "計算", "Compute"},
    {"drill.briefing", "ブリーフィングPDFを保存", "Save briefing PDF"},
    {"drill.cancelled", "中止しました（前の結果を表示しています）", "Cancelled (the previous result stays on the map)"},
    {"drill.computing", "計算中…（道路面の格子と最短経路）", "Computing… (street grid and shortest paths)"},
    {"drill.hint", "「計算」を押すと、区全体の避難先・経路・徒歩時間を求めます",
     "Compute finds destinations, routes and walking times for the whole ward"},
    {"drill.result", "{}人（推計）: 避難先あり {}人、不足 {}人。最長 {:.0f} m（{:.1f} 分）",
     "{} people (estimate): {} with a place, {} short. Longest walk {:.0f} m ({:.1f} min)"},
    {"drill.capacity_unknown_note",
     "収容人数は公開データにありません。想定値を入れると収容を考慮した割り当てになります。",
     "Capacities are not in the open data; enter an assumed one for a capacity-aware assignment."},
    {"map.attribution",
     "出典: 大阪府警察 犯罪オープンデータ, e-Stat 国勢調査（2015）, 国土数値情報（国土交通省）, 国土地理院,\n"
     "3D都市モデル PLATEAU, Geolonia 住所データ, © OpenStreetMap contributors (ODbL)",
     "Sources: Osaka Prefectural Police crime open data, e-Stat 2015 census, MLIT N03, GSI,\n"
     "Project PLATEAU, Geolonia address data, © OpenStreetMap contributors (ODbL)"},
    // Printouts.
    {"print.map_title", "{}地域 地域安全マップ", "{} — Community safety map"},
    {"print.table_title", "{}地域 街頭犯罪 一覧表", "{} — Street crime table"},
    {"print.period", "対象期間: {}年{}月 – {}年{}月", "Period: {}-{:02} to {}-{:02}"},
    {"print.printed", "印刷日: {}", "Printed: {}"},
    {"print.page", "{} / {}", "{} / {}"},
    {"print.counts", "手口別の件数", "Counts by type"},
    {"print.towns", "町丁目別の件数", "Counts per 町丁目"},
    {"print.towns_more", "ほか {} 町丁目", "{} more 町丁目"},
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
    {"menu.briefing", "避難訓練ブリーフィング…", "Drill briefing…"},
    {"legend.density",
     "密度表示：画面内の点が {} 件を超えるため、{:.0f} m 四方ごとの件数を色で表示。拡大すると1件ずつ表示します。",
     "Density: more than {} points are in view, so the colour shows the count per {:.0f} m square. Zoom in to see each "
     "point."},
    {"layer.use_as_network", "歩行ネットワークとして使う", "Use as the walking network"},
    {"menu.import", "取り込み…", "Import…"},
    // The evacuation drill briefing.
    {"brief.title", "{}地域 避難訓練ブリーフィング", "{} — Evacuation drill briefing"},
    {"brief.subtitle", "歩行速度 {:.1f} m/s（要支援者 {:.1f} m/s）・{}",
     "Walking {:.1f} m/s (people needing support {:.1f} m/s) · {}"},
    {"brief.mode_nearest", "最寄りの津波避難ビルへ", "to the nearest tsunami evacuation building"},
    {"brief.mode_capacity", "収容人数を考慮して割り当て", "assigned with building capacity"},
    {"brief.legend_minutes", "徒歩時間（{:.1f} m/s）", "Walking time ({:.1f} m/s)"},
    {"brief.unreachable", "到達不可", "unreachable"},
    {"brief.route", "避難経路（道路沿い）", "Route (along streets)"},
    {"brief.building_load", "津波避難ビル（割当人数/収容人数）", "Evacuation building (load / capacity)"},
    {"brief.estimate_note", "※ 人数は推計（区の人口を道路面積で配分）",
     "※ People are estimates (ward population spread by street area)"},
    {"brief.estimate_note_census", "※ 人数は2015年国勢調査の町丁目別人口を各町丁目の道路に配分した推計",
     "※ People: the 2015 census population of each 町丁目 spread over its own streets (an estimate)"},
    {"brief.people_census", "人数（2015年国勢調査）", "People (2015 census)"},
    {"brief.summary", "地域の概要", "The district"},
    {"brief.people", "人数（推計）", "People (estimate)"},
    {"brief.assigned", "避難先のある人数", "With a place"},
    {"brief.shortfall", "避難先のない人数（不足）", "Without a place (shortfall)"},
    {"brief.longest", "最長の徒歩距離（通常 / 要支援）", "Longest walk (normal / support)"},
    {"brief.blocks", "100 m 区画の数（到達不可）", "100 m blocks (unreachable)"},
    {"brief.buildings", "避難先の津波避難ビル", "Evacuation buildings used"},
    {"brief.building", "避難先", "Building"},
    {"brief.from_district", "この地域から", "From here"},
    {"brief.load", "合計", "Total load"},
    {"brief.capacity", "収容人数", "Capacity"},
    {"brief.capacity_unknown", "不明", "unknown"},
    {"brief.assumed", "（想定）", " (assumed)"},
    {"brief.origins", "区画ごとの避難先（遠い順）", "Each block's destination (furthest first)"},
    {"brief.block", "区画", "Block"},
    {"brief.distance", "距離 m", "Metres"},
    {"brief.minutes", "分（通常）", "Min (normal)"},
    {"brief.minutes_support", "分（要支援）", "Min (support)"},
    {"brief.no_room", "避難先なし", "no place"},
    {"brief.assumptions", "前提と出典", "Assumptions and sources"},
    {"brief.a_speed",
     "歩行速度は {:.1f} m/s、要支援者（高齢者・障がい者・乳幼児など）は {:.1f} m/s（宮城県 "
     "津波対策ガイドライン、消防庁 津波対策推進マニュアル検討報告書による）。",
     "Walking speed {:.1f} m/s, and {:.1f} m/s for people needing support (Miyagi Prefecture tsunami guideline; FDMA "
     "tsunami manual report)."},
    {"brief.a_people",
     "人数は推計：区の推計人口 {:.0f} 人（2024年10月1日）を、地域内の {:.0f} m "
     "区画に道路面積の割合で配分。町丁目別の人口は公開データにないため。",
     "People are estimates: the ward's {:.0f} residents (2024-10-01) spread over {:.0f} m blocks by street area, as no "
     "population per 町丁目 is published."},
    {"brief.a_people_census",
     "人数は2015年国勢調査（e-Stat 小地域、区の合計 {:.0f} 人）の町丁目別人口を、各町丁目の道路面積の割合で {:.0f} m "
     "区画に配分した推計。町丁目の境界は代表点からの概略。区の推計人口は 80,319 人（2024年10月1日）。",
     "People: the 2015 census population of each 町丁目 (e-Stat small areas; the ward {:.0f}) spread over {:.0f} m "
     "blocks "
     "by its own street area, an estimate. The 町丁目 outlines are approximate. The ward's estimate for 2024-10-01 is "
     "80,319."},
    {"brief.a_buildings",
     "避難先は国土地理院の津波指定緊急避難場所 {} か所（区の計画では 108 か所）。各ビルは {:.0f} m "
     "以内の最寄りの道路から到達するものとし、道路が近くにないビル {} か所は対象外。",
     "Destinations: GSI's {} tsunami-designated sites (the ward's plan counts 108), each reached from its nearest "
     "street within {:.0f} m; {} without a street nearby are left out."},
    {"brief.a_capacity_unknown",
     "収容人数は公開データにないため不明。最寄りのビルへの人数を示すが、収容できるかは判断していない。",
     "Capacities are not in the open data, so unknown: the briefing shows who goes where, not whether they fit."},
    {"brief.a_capacity_scenario", "収容人数が不明なビルは、想定として各 {} 人とした（実際の値ではない）。",
     "Where a capacity is unknown, {} people per building is assumed (a scenario, not a fact)."},
    {"brief.a_grid",
     "徒歩距離は PLATEAU の道路面を {:.0f} m 格子にし、16 "
     "方向の最短経路で計算（建物・水面・私有地は通行不可）。道路が届かない場所は「到達不可」とし、直線距離で補わない。",
     "Walking distances: PLATEAU road surfaces on a {:.0f} m grid, shortest paths over 16 directions (buildings, water "
     "and private land impassable). Places no street reaches are 'unreachable', never filled in with straight lines."},
    {"brief.a_network",
     "徒歩距離は読み込んだ道路中心線ネットワーク（{}、{} 点・{} "
     "区間）上の最短経路で計算。線がつながらない場所は「到達不可」"
     "とし、直線距離で補わない。避難ビルは最寄りの線上の点から入る。",
     "Walking distances: shortest paths on the loaded street centre-line network ({}, {} points, {} segments). Places "
     "the lines do not connect are 'unreachable', never filled in with straight lines. Each building is entered from "
     "the nearest point on a line."},
    {"brief.a_nearest_mode", "割り当て：各区画の人は最寄りのビルへ。", "Assignment: everyone to the nearest building."},
    {"brief.a_capacity_mode",
     "割り当て：収容人数を超える分は次に近いビルへ（最小費用流）。どこにも入れない人数を不足として示す。",
     "Assignment: beyond a building's capacity, people go on to the next nearest (minimum-cost flow); those with no "
     "room anywhere are the shortfall."},
    {"brief.building_facts", "（{}階・高さ{} m・浸水深{} m・{}）", " ({} storeys, {} m high, tsunami depth {} m; {})"},
    {"brief.within", "{:.0f}分以内に着く人の割合", "Arriving within {:.0f} minutes"},
    {"brief.within_value", "{:.0f}%（{:.1f} m/s） · {:.0f}%（要支援 {:.1f} m/s）",
     "{:.0f}% at {:.1f} m/s · {:.0f}% at {:.1f} m/s (support)"},
    {"brief.a_tsunami",
     "津波の想定：大阪府 津波浸水想定（2013年8月、南海トラフ巨大地震 M9.1）で港区の最大津波高は 4.5 m、+1 m "
     "の津波の最短到達は地震から 120 分。ただし大阪管区気象台（2023年）によれば、気象庁は大阪府への到達予想を地震後 "
     "10〜20 分程度と発表することがあるため、10・15・20 分以内に着く人の割合を示す。",
     "Tsunami assumption: Osaka Prefecture's tsunami inundation assumption (August 2013, Nankai Trough M9.1) gives a "
     "maximum height of 4.5 m at Minato Ward and 120 minutes at the earliest for a +1 m tsunami. The Osaka Regional "
     "Headquarters of the JMA (2023) notes that the forecast for Osaka may be announced as about 10–20 minutes after "
     "the quake, so the share of people arriving within 10, 15 and 20 minutes is given."},
    {"brief.a_districts", "地域（小学校区）の境界は概略（町丁目代表点から推計）であり公式の境界ではない。",
     "District boundaries are approximate (estimated from 町丁目 points), not official."},
    {"brief.a_sources",
     "出典：3D都市モデル（Project PLATEAU）大阪市（2022年度）（国土交通省）、国土地理院 "
     "指定緊急避難場所データ、国土数値情報（行政区域）、Geolonia 住所データ、政府統計の総合窓口(e-Stat) "
     "国勢調査 小地域（平成27年）、© OpenStreetMap contributors（ODbL）。",
     "Sources: Project PLATEAU Osaka City FY2022 (MLIT), GSI designated emergency evacuation sites, MLIT N03 "
     "administrative areas, Geolonia address data, e-Stat 2015 census small areas, © OpenStreetMap contributors "
     "(ODbL)."},
    {"menu.save", "保存", "Save"},
    {"menu.save_as", "名前を付けて保存…", "Save as…"},
    {"menu.export", "レイヤーを書き出し…", "Export layer…"},
    {"menu.edit", "編集", "Edit"},
    {"edit.select", "選択", "Select"},
    {"edit.add", "追加", "Add"},
    {"edit.move", "移動", "Move"},
    {"edit.delete", "削除", "Delete"},
    {"edit.undo", "元に戻す", "Undo"},
    {"edit.redo", "やり直す", "Redo"},
    {"edit.unsaved", "未保存の変更", "Unsaved changes"},
    {"edit.add_hint", "地図をクリックすると、選んだレイヤーに地点を追加します",
     "Click the map to add a point to the chosen layer"},
    {"edit.move_hint", "選択中の地点をドラッグして移動します", "Drag the selected point to move it"},
    {"edit.values", "属性を編集", "Edit values"},
    {"quit.title", "保存されていない変更", "Unsaved changes"},
    {"refs.title", "プロジェクト外のファイル", "Files outside the project"},
    {"refs.text",
     "このプロジェクトは、プロジェクトの外にある次のファイルをレイヤーとして読み込もうとしています。"
     "送られてきたプロジェクトなら、読み込まないでください（保存すると中身がプロジェクトに入ります）。",
     "This project asks to read these files outside it as layers. If someone sent you the project, do not read "
     "them (saving would copy their contents into the project)."},
    {"refs.read", "読み込む", "Read them"},
    {"refs.skip", "読み込まない", "Do not read them"},
    {"quit.text", "保存されていない変更があります。保存しますか？", "There are unsaved changes. Save them?"},
    {"quit.save", "保存して終了", "Save and quit"},
    {"quit.discard", "保存せずに終了", "Quit without saving"},
    {"dialog.save", "名前を付けて保存", "Save as"},
    {"dialog.save_button", "保存", "Save"},
    {"dialog.import", "取り込むファイル", "File to import"},
    {"dialog.export", "書き出し（.geojson / .csv）", "Export (.geojson / .csv)"},
    {"status.saving", "保存中…", "Saving…"},
    {"status.importing", "取り込み中…", "Importing…"},
    {"status.saved", "保存しました: {}", "Saved {}"},
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
    {"printdlg.cancelled", "印刷を中止しました。ファイルは書き込まれていません。", "Printing cancelled; nothing was written."},
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
    {"plan.chart_note", "年ごとの件数（各記録の発生年月日（始期）の年）",
     "Records per year (the year of each record's start date)"},
    {"plan.chart_note_rate", "年ごとの件数（各記録の発生年月日（始期）の年）と住民千人あたり（2015年国勢調査）",
     "Records per year (the year of each record's start date) and per 1,000 residents (2015 census)"},
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
    {"ind.plan_says", "計画:", "Policy:"},
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
     "Policy: target state \"street crime and cases with child victims are decreasing\""},
    {"ind.children", "子どもが被害者（被害者の年齢が10歳未満・10歳代）: {}件（年齢のある{}件中）",
     "Child victims (victim's age under 10 or in their teens): {} (of {} records with an age)"},
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

const char* tr(Lang lang, std::string_view key) {
  // Built once: a lookup, not a scan of the catalogue per call.
  static const std::unordered_map<std::string_view, const Entry*> index = [] {
    std::unordered_map<std::string_view, const Entry*> m;
    for (const auto& e : kCatalogue) m.emplace(e.key, &e);
    return m;
  }();
  if (auto it = index.find(key); it != index.end()) return lang == Lang::Ja ? it->second->ja : it->second->en;
  // An unknown key is shown as itself (visible, never empty), from a copy that lives as long as the program:
  // the key may be a temporary string.
  static std::mutex mutex;
  static std::set<std::string, std::less<>> unknown;
  std::lock_guard lock(mutex);
  auto it = unknown.find(key);
  if (it == unknown.end()) it = unknown.emplace(key).first;
  return it->c_str();
}

int catalogueSize() {
  return static_cast<int>(std::size(kCatalogue));
}
std::string_view catalogueKey(int i) {
  return kCatalogue[i].key;
}

}  // namespace safetymap
