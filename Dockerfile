# Build and run IpaasMonitor.Web (the hub + monitor); the standalone sandbox (fake TOTVS Moda + VTEX) is published
# beside it for docker-compose's `demo` profile. Used by docker-compose.yml and docker-compose.postgres.yml.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/IpaasMonitor.Web/IpaasMonitor.Web.csproj -c Release -o /app/publish \
 && dotnet publish src/IpaasMonitor.Sandbox/IpaasMonitor.Sandbox.csproj -c Release -o /app/sandbox

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app/publish .
COPY --from=build /app/sandbox /sandbox
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "IpaasMonitor.Web.dll"]
