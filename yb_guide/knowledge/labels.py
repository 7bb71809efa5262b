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
    "regional_examples": "地区示例", "cautions": "提示", "deadline_rules": "期限规则",
    "flows": "引导流程", "questions": "流程问题", "outcomes": "流程结果", "calendar_days": "日历补充的日子",
}
# The events a deadline runs from (ids in ``knowledge.deadline_rules.EVENTS``).
EVENT_LABELS = {
    "filed": "提交投诉",
    "result-received": "收到处理结果",
    "review-filed": "提交复核申请",
    "reconsideration-decided": "收到行政复议决定",
}
