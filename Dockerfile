# One image recipe for both programs: PROJECT is src/Silo or src/WebFront, ASSEMBLY the dll it builds.
ARG PROJECT=src/Silo
ARG ASSEMBLY=Swarmgrid.Silo

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
# The web front's dashboard is built with Node.js and npm during the publish.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /source
COPY . .
RUN dotnet publish "$PROJECT" -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG ASSEMBLY
ENV ASSEMBLY=$ASSEMBLY
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080
EXPOSE 8080 6969/udp 11111 30000
ENTRYPOINT ["sh", "-c", "exec dotnet \"$ASSEMBLY.dll\""]
