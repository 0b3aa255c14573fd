using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IpaasMonitor.Data.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AlertRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    ConnectionId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: true, collation: "C"),
                    Diagram = table.Column<int>(type: "integer", nullable: true),
                    System = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: true, collation: "C"),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    ThresholdPercent = table.Column<int>(type: "integer", nullable: false),
                    MinimumItems = table.Column<int>(type: "integer", nullable: false),
                    EmailTo = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true, collation: "C"),
                    Webhooks = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true, collation: "C"),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    DisplayName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    TargetType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    TargetId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true, collation: "C"),
                    Details = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CustomerDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DocumentHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    ConnectionId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false, collation: "C"),
                    OrderId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    AddedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerDocuments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DiagramLeases",
                columns: table => new
                {
                    ConnectionId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false, collation: "C"),
                    Diagram = table.Column<int>(type: "integer", nullable: false),
                    HolderRunId = table.Column<Guid>(type: "uuid", nullable: true),
                    HolderNode = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    RunAgain = table.Column<bool>(type: "boolean", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiagramLeases", x => new { x.ConnectionId, x.Diagram });
                });

            migrationBuilder.CreateTable(
                name: "DiagramRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConnectionId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false, collation: "C"),
                    Diagram = table.Column<int>(type: "integer", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    Read = table.Column<int>(type: "integer", nullable: false),
                    Changed = table.Column<int>(type: "integer", nullable: false),
                    Sent = table.Column<int>(type: "integer", nullable: false),
                    Failed = table.Column<int>(type: "integer", nullable: false),
                    Waiting = table.Column<int>(type: "integer", nullable: false),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    TriggeredBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Node = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiagramRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DiagramSettings",
                columns: table => new
                {
                    ConnectionId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false, collation: "C"),
                    Diagram = table.Column<int>(type: "integer", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    Cron = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: true, collation: "C"),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiagramSettings", x => new { x.ConnectionId, x.Diagram });
                });

            migrationBuilder.CreateTable(
                name: "FailureGroupChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CauseKey = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FailureGroupChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FailureGroups",
                columns: table => new
                {
                    CauseKey = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false, collation: "C"),
                    Diagram = table.Column<int>(type: "integer", nullable: false),
                    Component = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Cause = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, collation: "C"),
                    Failures = table.Column<int>(type: "integer", nullable: false),
                    Items = table.Column<int>(type: "integer", nullable: false),
                    Connections = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    FirstSeenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExampleMessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Orders = table.Column<int>(type: "integer", nullable: false),
                    OrdersValueCents = table.Column<long>(type: "bigint", nullable: false),
                    HeldWaits = table.Column<int>(type: "integer", nullable: false),
                    HeldItems = table.Column<int>(type: "integer", nullable: false),
                    ParentCauseKey = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: true, collation: "C"),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true, collation: "C"),
                    NoteBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    NoteAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RefreshedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FailureGroups", x => x.CauseKey);
                });

            migrationBuilder.CreateTable(
                name: "HubOrders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConnectionId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false, collation: "C"),
                    OrderId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false, collation: "C"),
                    Stage = table.Column<string>(type: "character varying(24)", unicode: false, maxLength: 24, nullable: false),
                    BranchCode = table.Column<int>(type: "integer", nullable: true),
                    IsMainBranch = table.Column<bool>(type: "boolean", nullable: false),
                    CustomerCode = table.Column<int>(type: "integer", nullable: true),
                    ErpOrderCode = table.Column<int>(type: "integer", nullable: true),
                    VtexStatus = table.Column<string>(type: "character varying(48)", unicode: false, maxLength: 48, nullable: true, collation: "C"),
                    FeedHandle = table.Column<string>(type: "character varying(2000)", unicode: false, maxLength: 2000, nullable: true, collation: "C"),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    Content = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ContentHash = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: true, collation: "C"),
                    InvoicedCents = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StageChangedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HubOrders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HubRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConnectionId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: false, collation: "C"),
                    ErpKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    ParentKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    Content = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ContentHash = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false, collation: "C"),
                    SentHash = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: true, collation: "C"),
                    FailedHash = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: true, collation: "C"),
                    WaitingHash = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: true, collation: "C"),
                    WaitingFor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    VtexId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    ErpChangedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HubRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MessageCounters",
                columns: table => new
                {
                    HourUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConnectionId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false, collation: "C"),
                    Diagram = table.Column<int>(type: "integer", nullable: false),
                    Situation = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageCounters", x => new { x.HourUtc, x.ConnectionId, x.Diagram, x.Situation });
                });

            migrationBuilder.CreateTable(
                name: "Messages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    ShortId = table.Column<string>(type: "character varying(8)", unicode: false, maxLength: 8, nullable: false, collation: "C"),
                    ConnectionId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false, collation: "C"),
                    Diagram = table.Column<int>(type: "integer", nullable: false),
                    Situation = table.Column<int>(type: "integer", nullable: false),
                    Component = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    BusinessKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    KeyTier = table.Column<int>(type: "integer", nullable: false),
                    CorrelationId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    RunId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AttemptCount = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    CauseKey = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: true, collation: "C"),
                    ParentDiagram = table.Column<int>(type: "integer", nullable: true),
                    ParentKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    ResolvedByMessageId = table.Column<Guid>(type: "uuid", nullable: true),
                    ResolvedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RequeuedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Nodes",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Nodes", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "PendingJobs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false, collation: "C"),
                    ConnectionId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: true, collation: "C"),
                    Diagram = table.Column<int>(type: "integer", nullable: true),
                    TriggeredBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    DueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RequeueBatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, collation: "C"),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true, collation: "C"),
                    CauseKey = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: true, collation: "C"),
                    FilterJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true, collation: "C"),
                    Collected = table.Column<bool>(type: "boolean", nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequeueBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Watermarks",
                columns: table => new
                {
                    ConnectionId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false, collation: "C"),
                    Diagram = table.Column<int>(type: "integer", nullable: false),
                    ValueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Watermarks", x => new { x.ConnectionId, x.Diagram });
                });

            migrationBuilder.CreateTable(
                name: "Alerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RuleId = table.Column<int>(type: "integer", nullable: false),
                    Subject = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    OpenSubject = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    ConnectionId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: true, collation: "C"),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, collation: "C"),
                    OpenedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ResolvedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Alerts_AlertRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "AlertRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ClaimType = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ClaimValue = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ClaimType = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ClaimValue = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ProviderKey = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    RoleId = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    LoginProvider = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Value = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MessageAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<long>(type: "bigint", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    Component = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    Excerpt = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    TriggeredBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MessageAttempts_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MessagePayloads",
                columns: table => new
                {
                    MessageId = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    RemoteResponse = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessagePayloads", x => x.MessageId);
                    table.ForeignKey(
                        name: "FK_MessagePayloads_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RequeueBatchItems",
                columns: table => new
                {
                    BatchId = table.Column<long>(type: "bigint", nullable: false),
                    MessageRowId = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequeueBatchItems", x => new { x.BatchId, x.MessageRowId });
                    table.ForeignKey(
                        name: "FK_RequeueBatchItems_RequeueBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "RequeueBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AlertNotifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AlertId = table.Column<long>(type: "bigint", nullable: false),
                    Event = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    Target = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false, collation: "C"),
                    Subject = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    Body = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    State = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertNotifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AlertNotifications_Alerts_AlertId",
                        column: x => x.AlertId,
                        principalTable: "Alerts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "FailureGroupChanges",
                columns: new[] { "Id", "CauseKey" },
                values: new object[] { 1L, "*" });

            migrationBuilder.CreateIndex(
                name: "IX_AlertNotifications_AlertId",
                table: "AlertNotifications",
                column: "AlertId");

            migrationBuilder.CreateIndex(
                name: "IX_AlertNotifications_State_NextAttemptAtUtc",
                table: "AlertNotifications",
                columns: new[] { "State", "NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_RuleId_Id",
                table: "Alerts",
                columns: new[] { "RuleId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_RuleId_OpenSubject",
                table: "Alerts",
                columns: new[] { "RuleId", "OpenSubject" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Action_Id",
                table: "AuditEntries",
                columns: new[] { "Action", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_AtUtc",
                table: "AuditEntries",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_TargetType_TargetId",
                table: "AuditEntries",
                columns: new[] { "TargetType", "TargetId" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerDocuments_DocumentHash_ConnectionId_OrderId",
                table: "CustomerDocuments",
                columns: new[] { "DocumentHash", "ConnectionId", "OrderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DiagramRuns_ConnectionId_Diagram_StartedAtUtc",
                table: "DiagramRuns",
                columns: new[] { "ConnectionId", "Diagram", "StartedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DiagramRuns_Status",
                table: "DiagramRuns",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_HubOrders_ConnectionId_BranchCode_ErpOrderCode",
                table: "HubOrders",
                columns: new[] { "ConnectionId", "BranchCode", "ErpOrderCode" });

            migrationBuilder.CreateIndex(
                name: "IX_HubOrders_ConnectionId_Id",
                table: "HubOrders",
                columns: new[] { "ConnectionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HubOrders_ConnectionId_OrderId",
                table: "HubOrders",
                columns: new[] { "ConnectionId", "OrderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HubOrders_ConnectionId_Stage_Id",
                table: "HubOrders",
                columns: new[] { "ConnectionId", "Stage", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HubOrders_ConnectionId_Stage_IsMainBranch",
                table: "HubOrders",
                columns: new[] { "ConnectionId", "Stage", "IsMainBranch" });

            migrationBuilder.CreateIndex(
                name: "IX_HubOrders_Stage_Id",
                table: "HubOrders",
                columns: new[] { "Stage", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HubRecords_ConnectionId_Kind_ErpChangedAtUtc",
                table: "HubRecords",
                columns: new[] { "ConnectionId", "Kind", "ErpChangedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_HubRecords_ConnectionId_Kind_ErpKey",
                table: "HubRecords",
                columns: new[] { "ConnectionId", "Kind", "ErpKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HubRecords_ConnectionId_Kind_Id",
                table: "HubRecords",
                columns: new[] { "ConnectionId", "Kind", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HubRecords_ConnectionId_Kind_ParentKey",
                table: "HubRecords",
                columns: new[] { "ConnectionId", "Kind", "ParentKey" });

            migrationBuilder.CreateIndex(
                name: "IX_MessageAttempts_MessageId_Number",
                table: "MessageAttempts",
                columns: new[] { "MessageId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_MessageCounters_Situation_ConnectionId_Diagram_Count",
                table: "MessageCounters",
                columns: new[] { "Situation", "ConnectionId", "Diagram", "Count" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_BusinessKey_Recent",
                table: "Messages",
                columns: new[] { "BusinessKey", "ReceivedAtUtc", "Id", "Situation" },
                filter: "\"KeyTier\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_BusinessKey_Settled",
                table: "Messages",
                columns: new[] { "BusinessKey", "ReceivedAtUtc", "Id", "Situation" },
                filter: "\"KeyTier\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ConnectionId_Diagram_Situation_ReceivedAtUtc_Id",
                table: "Messages",
                columns: new[] { "ConnectionId", "Diagram", "Situation", "ReceivedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ConnectionId_Situation_ReceivedAtUtc_Id",
                table: "Messages",
                columns: new[] { "ConnectionId", "Situation", "ReceivedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_CorrelationId_ReceivedAtUtc_Id_Situation",
                table: "Messages",
                columns: new[] { "CorrelationId", "ReceivedAtUtc", "Id", "Situation" },
                filter: "\"CorrelationId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Diagram_Situation_ReceivedAtUtc_Id",
                table: "Messages",
                columns: new[] { "Diagram", "Situation", "ReceivedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_FailedByCause",
                table: "Messages",
                columns: new[] { "CauseKey", "ConnectionId", "BusinessKey", "ReceivedAtUtc" },
                filter: "\"Situation\" = 3");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_OpenByItem",
                table: "Messages",
                columns: new[] { "ConnectionId", "Diagram", "BusinessKey" },
                filter: "\"Situation\" IN (3, 4)");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_RunSummaries",
                table: "Messages",
                columns: new[] { "Situation", "ConnectionId" },
                filter: "\"Component\" = 'Count'");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ShortId_ReceivedAtUtc_Id_Situation",
                table: "Messages",
                columns: new[] { "ShortId", "ReceivedAtUtc", "Id", "Situation" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Situation_ReceivedAtUtc_Id",
                table: "Messages",
                columns: new[] { "Situation", "ReceivedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_WaitsByParent",
                table: "Messages",
                columns: new[] { "ConnectionId", "ParentDiagram", "ParentKey", "Diagram", "BusinessKey", "CauseKey" },
                filter: "\"Situation\" = 3 AND \"ParentKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_RequeueBatches_CompletedAtUtc",
                table: "RequeueBatches",
                column: "CompletedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_RequeueBatchItems_BatchId_State_MessageRowId",
                table: "RequeueBatchItems",
                columns: new[] { "BatchId", "State", "MessageRowId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertNotifications");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "CustomerDocuments");

            migrationBuilder.DropTable(
                name: "DiagramLeases");

            migrationBuilder.DropTable(
                name: "DiagramRuns");

            migrationBuilder.DropTable(
                name: "DiagramSettings");

            migrationBuilder.DropTable(
                name: "FailureGroupChanges");

            migrationBuilder.DropTable(
                name: "FailureGroups");

            migrationBuilder.DropTable(
                name: "HubOrders");

            migrationBuilder.DropTable(
                name: "HubRecords");

            migrationBuilder.DropTable(
                name: "MessageAttempts");

            migrationBuilder.DropTable(
                name: "MessageCounters");

            migrationBuilder.DropTable(
                name: "MessagePayloads");

            migrationBuilder.DropTable(
                name: "Nodes");

            migrationBuilder.DropTable(
                name: "PendingJobs");

            migrationBuilder.DropTable(
                name: "RequeueBatchItems");

            migrationBuilder.DropTable(
                name: "Watermarks");

            migrationBuilder.DropTable(
                name: "Alerts");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "Messages");

            migrationBuilder.DropTable(
                name: "RequeueBatches");

            migrationBuilder.DropTable(
                name: "AlertRules");
        }
    }
}
