"""政府网站工作年度报表: the website's yearly work report in the national table's layout (《政府网站发展指引》,
国办发〔2017〕47号, 附件; published by 31 January on the site's home page, 国办函〔2018〕12号). What the records
hold is counted (figures.py) and frozen into the report when it is drafted; what the portal cannot know is
entered by staff (forms.py); the report goes through the review queue (review_hooks.py) and is published as a
page, an XLSX and a PDF (documents.py). The rows: layout.py."""
