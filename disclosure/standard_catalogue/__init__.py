"""The 基层政务公开标准目录 (国办发〔2019〕54号) as data: an organisation's areas (领域) and the 公开事项 of each,
with their deadline rule and recurrence, the obligations they generate, and the public 公开事项目录."""
