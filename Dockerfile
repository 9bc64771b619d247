# TalksBot: build with the SDK, run on the ASP.NET runtime as a non-root user.
#   docker build -t talksbot .
#   docker run -p 8080:8080 -v talksbot-data:/data -e TALKSBOT__ADMIN__TOKEN=... -e TALKSBOT__TELEGRAM__TOKEN=... talksbot
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props ./
COPY src/TalksBot/TalksBot.csproj src/TalksBot/
RUN dotnet restore src/TalksBot/TalksBot.csproj
COPY src/ src/
COPY prompts/ prompts/
RUN dotnet publish src/TalksBot/TalksBot.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The seeds and LiteDB live on the volume, owned by the user the bot runs as, so that the admin
# console can upload and remove sources and they outlast the container; a new volume starts with
# the seeds baked in here. The admin console needs TALKSBOT__ADMIN__TOKEN, since the container
# listens beyond loopback.
RUN mkdir -p /data && chown app:app /data
COPY --chown=app:app seeds/ /data/seeds/
ENV TALKSBOT__INDEX__DATABASEPATH=/data/talksbot.db \
    TALKSBOT__SERVE__URLS=http://0.0.0.0:8080 \
    TALKSBOT__SEEDS__PATH=/data/seeds
VOLUME /data
USER app
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD ["dotnet", "TalksBot.dll", "health"]
ENTRYPOINT ["dotnet", "TalksBot.dll"]
CMD ["serve"]
