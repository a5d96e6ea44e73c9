FROM python:3.12-slim
ENTRYPOINT ["python"]
CMD ["app.py"]
