from django.urls import path

from . import inbox, ordbog, views

app_name = "staff"
urlpatterns = [
    path("", views.home, name="home"),
    path("udaekkede-behov/", views.unmet_need_list, name="unmet_needs"),
    path("tilbud/", views.moderation_queue, name="moderation_queue"),
    path("tilbud/<int:pk>/", views.offer_review, name="offer_review"),
    path("tilbud/<int:pk>/godkend/", views.offer_approve, name="offer_approve"),
    path("tilbud/<int:pk>/afvis/", views.offer_reject, name="offer_reject"),
    path("organisationer/", views.organisation_queue, name="organisation_queue"),
    path("organisationer/<int:pk>/", views.organisation_review, name="organisation_review"),
    path("organisationer/<int:pk>/godkend/", views.organisation_approve, name="organisation_approve"),
    path("organisationer/<int:pk>/afvis/", views.organisation_reject, name="organisation_reject"),
    path("kategorier-og-omraader/", views.taxonomy, name="taxonomy"),
    path("kategorier/ny/", views.category_create, name="category_create"),
    path("kategorier/<int:pk>/", views.category_edit, name="category_edit"),
    path("omraader/nyt/", views.area_create, name="area_create"),
    path("omraader/<int:pk>/", views.area_edit, name="area_edit"),
    path("sider/kontakt/", views.contact_page_edit, name="contact_page"),
    path("ordbog/", ordbog.lexicon_entries, name="lexicon"),
    path("ordbog/<int:pk>/fjern/", ordbog.lexicon_entry_remove, name="lexicon_remove"),
    path("timer/", views.hours, name="hours"),
    path("mail/", views.failed_mail, name="mail"),
    path("mail/<int:pk>/igen/", views.failed_mail_retry, name="mail_retry"),
    path("henvendelser/", inbox.queue, name="inquiries"),
    path("henvendelser/tal/", inbox.figures, name="inquiry_figures"),
    path("henvendelser/<int:pk>/", inbox.detail, name="inquiry"),
    path("henvendelser/<int:pk>/svar/", inbox.answer, name="inquiry_answer"),
    path("henvendelser/<int:pk>/note/", inbox.note, name="inquiry_note"),
    path("henvendelser/<int:pk>/fordel/", inbox.assign, name="inquiry_assign"),
    path("henvendelser/<int:pk>/pause/", inbox.pause, name="inquiry_pause"),
    path("henvendelser/<int:pk>/genoptag/", inbox.resume, name="inquiry_resume"),
    path("henvendelser/<int:pk>/afslut/", inbox.close, name="inquiry_close"),
    path("henvendelser/<int:pk>/videre/", inbox.hand_over, name="inquiry_hand_over"),
    path("henvendelser/bilag/<int:pk>/", inbox.attachment, name="inquiry_attachment"),
]
