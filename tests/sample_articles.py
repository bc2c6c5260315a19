"""Two small made-up articles (simple format) for tests of the catalogue and the newsroom."""

COFFEE = """title: القهوة في المرتفعات
source: https://example.org/coffee
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

تزرع القهوة في المرتفعات الاستوائية منذ قرون طويلة.
يحصد المزارعون حبوب البن يدويًا في موسم الأمطار ثم يجففونها تحت الشمس.
أكبر منتج للبن في العالم هو البرازيل، تليها فيتنام.
"""

VOLCANO = """title: بركان في الجزيرة
disclaimer: تنبيه تجريبي خاص بمقال البركان.

ثار البركان الواقع شمال الجزيرة صباح الثلاثاء وأطلق سحابة من الرماد.
أخلت السلطات ثلاث قرى قريبة من فوهة البركان احتياطًا.
"""

# Another paper's version of the volcano news: the same facts in other words and order.
VOLCANO_AGAIN = """title: إخلاء قرى قرب بركان الجزيرة
disclaimer: تنبيه تجريبي لنسخة أخرى من خبر البركان.

وأخلت السلطات ثلاث قرى قريبة من البركان بعد أن ثار صباح الثلاثاء.
وغطت سحابة من الرماد سماء شمال الجزيرة.
"""

# Five papers' local news of one rainy day, each in its own city: a question in the words they
# share does not single one out (more of them than a reply offers: bot.newsroom.OFFERED + 1);
# one that names a city does.
RAINS = tuple(
    f"""title: أمطار غزيرة في {city}
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

هطلت أمطار غزيرة على {city} مساء الأحد وجرت السيول في الأودية.
أغلقت إدارة التعليم المدارس يوم الاثنين حفاظًا على سلامة الطلاب.
وأغلق الدفاع المدني {road} حتى تنحسر المياه.
"""
    for city, road in (("تبوك", "طريق المطار"), ("أبها", "عقبة ضلع"), ("جازان", "جسر الكورنيش"), ("الباحة", "طريق الطائف"),
                       ("نجران", "وادي نجران"))
)
