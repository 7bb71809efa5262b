"""The Chinese words for the knowledge base's enumerations: one table each, used by every front end."""

CHANNEL_KIND_LABELS = {
    "phone": "电话", "online": "线上", "on-site": "现场", "mail": "书面", "report": "举报",
}
FORM_LABELS = {
    "original": "原件", "copy": "复印件", "original-and-copy": "原件和复印件", "card": "卡",
    "info": "信息", "electronic": "电子版（照片/扫描件/截图）", "document": "书面材料",
}
NEED_LABELS = {"required": "必备", "recommended": "建议"}
CONTACT_LABELS = {
    "phone": "电话", "website": "网址", "app": "APP", "wechat": "微信公众号", "entry": "入口",
    "address": "地址", "recipient": "收件人", "postcode": "邮编", "hours": "办公时间",
}
# What each kind of entry is called (``data check``'s counts).
COUNT_LABELS = {
    "documents": "来源", "problems": "问题类型", "channels": "渠道", "corrections": "更正",
    "checklists": "材料清单", "stages": "处理阶段", "notes": "注意事项", "faq": "问答",
    "reasons": "不报销原因", "strategies": "应对策略", "procedures": "办理步骤",
    "regional_examples": "地区示例", "cautions": "提示", "deadline_tracks": "期限轨道", "deadline_rules": "期限规则",
    "flows": "引导流程", "questions": "流程问题", "outcomes": "流程结果", "calendar_days": "日历补充的日子",
}
TRACK_KIND_LABELS = {"service": "非法定，网络文章所述", "legal": "法定期限"}
# What a date or a piece of advice rests on (the JSON's basis_kind).
BASIS_KIND_LABELS = {"statute": "条文规定", "inference": "本工具的推论", "web-article": "网络文章所述"}
UNIT_LABELS = {"workday": "个工作日", "day": "日", "month": "个月"}
