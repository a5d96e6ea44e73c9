from python:3.12-slim as build
workdir   /app
run apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
copy requirements.txt   .
RUN pip install --no-cache-dir \
        -r requirements.txt     



cmd [ "python","app.py" ]
