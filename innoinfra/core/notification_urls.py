app_name = "notifications"

urlpatterns = []
