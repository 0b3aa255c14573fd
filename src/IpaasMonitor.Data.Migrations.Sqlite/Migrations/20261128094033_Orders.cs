using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpaasMonitor.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Orders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HubOrders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConnectionId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    OrderId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", unicode: false, maxLength: 24, nullable: false),
                    BranchCode = table.Column<int>(type: "INTEGER", nullable: true),
                    IsMainBranch = table.Column<bool>(type: "INTEGER", nullable: false),
                    CustomerCode = table.Column<int>(type: "INTEGER", nullable: true),
                    ErpOrderCode = table.Column<int>(type: "INTEGER", nullable: true),
                    VtexStatus = table.Column<string>(type: "TEXT", unicode: false, maxLength: 48, nullable: true),
                    FeedHandle = table.Column<string>(type: "TEXT", unicode: false, maxLength: 2000, nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Content = table.Column<string>(type: "TEXT", nullable: true),
                    ContentHash = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: true),
                    InvoicedCents = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    StageChangedAtUtc = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HubOrders", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HubOrders_ConnectionId_BranchCode_ErpOrderCode",
                table: "HubOrders",
                columns: new[] { "ConnectionId", "BranchCode", "ErpOrderCode" });

            migrationBuilder.CreateIndex(
                name: "IX_HubOrders_ConnectionId_OrderId",
                table: "HubOrders",
                columns: new[] { "ConnectionId", "OrderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HubOrders_ConnectionId_Stage_IsMainBranch",
                table: "HubOrders",
                columns: new[] { "ConnectionId", "Stage", "IsMainBranch" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HubOrders");
        }
    }
}
