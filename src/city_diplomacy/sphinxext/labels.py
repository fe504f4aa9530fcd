"""Fixed labels, in Japanese (the source language); English comes from the catalogs.

These strings reach the page's ``.pot`` like prose because the directives emit them
as translatable nodes with source info (see :mod:`.nodes`).
"""

from __future__ import annotations

from collections.abc import Mapping

#: Labels of enum values, per ``<table>.<field>``.
ENUMS: Mapping[str, Mapping[str, str]] = {
    # GeoNames continent codes (charts of cities by region)
    "continent": {
        "AS": "アジア",
        "EU": "ヨーロッパ",
        "AF": "アフリカ",
        "NA": "北アメリカ",
        "SA": "南アメリカ",
        "OC": "オセアニア",
        "AN": "南極",
    },
    "networks.kind": {
        "network": "ネットワーク",
        "forum": "フォーラム",
        "platform": "プラットフォーム",
        "intergovernmental-forum": "政府間フォーラム",
        "engagement-group": "エンゲージメント・グループ",
    },
    "status": {
        "active": "活動中",
        "suspended": "活動休止中",
        "ended": "終了",
        "one-off": "単発の開催",
        "unknown": "不明",
    },
    "networks.tokyo_role": {
        "founder": "創設者",
        "founding-member": "創設メンバー",
        "member": "メンバー",
        "host": "開催都市",
        "participant": "参加",
        "none": "直接の関与なし",
    },
    "networks.parent_relation": {
        "engagement-group-of": "エンゲージメント・グループとして所属",
        "convened-with": "同時に開催",
        "related-to": "関連",
    },
    "cities.kind": {
        "city": "都市",
        "state": "州",
        "province": "省",
        "region": "地域",
        "territory": "準州・直轄地",
    },
    "events.kind": {
        "proposal": "提唱",
        "founding": "設立",
        "joining": "加盟",
        "withdrawal": "脱退",
        "plenary": "総会",
        "summit": "サミット",
        "meeting": "会議",
        "conference": "国際会議",
        "forum": "フォーラム",
        "seminar": "セミナー",
        "tournament": "大会",
        "festival": "フェスティバル",
        "training": "研修",
        "declaration": "宣言",
        "review": "見直し",
        "suspension": "活動休止",
        "launch": "開始",
        "renaming": "名称変更",
        "other": "その他",
    },
    "outcomes.kind": {
        "declaration": "宣言",
        "joint-declaration": "共同宣言",
        "communique": "コミュニケ",
        "joint-statement": "共同声明",
    },
    "mode": {
        "in-person": "対面",
        "online": "オンライン",
        "hybrid": "ハイブリッド",
        "not-stated": "記載なし",
    },
    "memberships.role": {
        "member": "会員",
        "founding-member": "創設会員",
        "co-proposer": "共同提案者",
        "observer": "オブザーバー",
        "participant": "参加",
        "secretariat": "事務局",
    },
    "participations.role": {
        "participant": "参加",
        "host": "開催",
        "chair": "議長",
        "co-chair": "共同議長",
        "observer": "オブザーバー",
        "presenter": "発表",
        "audience": "聴講",
        "signatory": "署名",
        "speaker": "登壇",
        "video-message": "ビデオメッセージ",
    },
    "sources.publisher_kind": {
        "tmg": "東京都",
        "tmg-affiliated": "東京都の関連団体",
        "partner": "パートナー（他都市・機関）",
        "third-party": "第三者",
    },
    "sources.language": {
        "ja": "日本語",
        "en": "英語",
        "ko": "韓国語",
        "fr": "フランス語",
        "zh": "中国語",
    },
}
