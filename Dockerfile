# claimwatch application image: one image for the worker, the connectors and the subscriber.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY streams ./streams
COPY connectors ./connectors
COPY corpus ./corpus
RUN pip install --no-cache-dir . && useradd --create-home claimwatch
USER claimwatch
ENTRYPOINT ["claimwatch"]
CMD ["--help"]
