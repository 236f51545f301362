"""Time limits of disclosure on application (条例 第三十条、第三十二条至第三十四条), in working days."""

REPLY_WORKING_DAYS = 20  # 条例 第三十三条第二款
EXTENSION_WORKING_DAYS = 20  # 条例 第三十三条第二款: once, with the disclosure office head's consent
CORRECTION_NOTICE_WORKING_DAYS = 7  # 条例 第三十条
THIRD_PARTY_WORKING_DAYS = 15  # 条例 第三十二条
INTER_AGENCY_WORKING_DAYS = 15  # 条例 第三十四条
