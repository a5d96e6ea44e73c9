print("hello from the Docklens e2e workspace")
