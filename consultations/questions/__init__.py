"""互动交流: citizens ask an organisation (政务咨询) or about a published policy, staff answer within
QUESTION_REPLY_WORKING_DAYS working days, and answers are published with the question after review."""
