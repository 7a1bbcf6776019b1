from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    # The tovholder's pages.
    path("", views.case_list, name="list"),
    path("nyt/", views.case_create, name="create"),
    path("noedadgang/", views.break_glass, name="break_glass"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/ret/", views.case_edit, name="edit"),
    path("<int:pk>/afslut/", views.case_close, name="close"),
    path("<int:pk>/anonymiser/", views.case_anonymise, name="anonymise"),
    path("<int:pk>/husstand/ny/", views.member_add, name="member_add"),
    path("<int:pk>/instanser/ny/", views.agency_add, name="agency_add"),
    path("<int:pk>/plan/maal/nyt/", views.goal_add, name="goal_add"),
    path("<int:pk>/plan/handling/ny/", views.action_add, name="action_add"),
    path("<int:pk>/plan/handling/<int:action_pk>/", views.action_edit, name="action_edit"),
    path("<int:pk>/noter/", views.notes, name="notes"),
    path("<int:pk>/behov/nyt/", views.need_add, name="need_add"),
    path("<int:pk>/samtykke/nyt/", views.consent_add, name="consent_add"),
    # The citizen's own pages.
    path("mit/", views.my_case, name="mine"),
    path("mit/plan/", views.my_plan, name="my_plan"),
    path("mit/samtykke/<int:consent_pk>/tilbagekald/", views.consent_withdraw, name="consent_withdraw"),
]
